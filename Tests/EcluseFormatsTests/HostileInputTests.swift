import EcluseCore
import EcluseFormats
import Foundation
import Testing

/// Damaged files: the reader must finish on every input and never crash (errors are fine).
@Suite struct HostileInputTests {
    static let inputCount = 2_000

    @Test("Two thousand seeded mutations of the fixtures all read to an end")
    func mutatedFixturesAllFinish() {
        let seeds = FixtureFiles.vcardCases.map { FixtureFiles.bytes(ofCase: $0) }.filter { !$0.isEmpty }
        #expect(!seeds.isEmpty)
        var generator = SplitMix64(seed: 0x00EC_105E)
        var finished = 0
        var withErrors = 0
        for round in 0..<Self.inputCount where !seeds.isEmpty {
            let seed = seeds[round % seeds.count]
            let input = Mutator.mutate(seed, using: &generator)
            let result = VCardReader().read(input, file: "mutant-\(round)")
            finished += 1
            if !result.errors.isEmpty { withErrors += 1 }
            for card in result.cards {
                _ = VCardWriter().write(card.contact, uid: "u", version: .v21)
            }
        }
        print("hostile vCard inputs: \(finished) finished, \(withErrors) with errors")
        #expect(finished == Self.inputCount)
    }

    @Test("Pathological shapes finish: no colon, endless folds, soft breaks, lone BEGINs")
    func pathologicalShapesFinish() {
        let shapes: [[UInt8]] = [
            Array(repeating: 0x3D, count: 50_000),
            Array("BEGIN:VCARD\r\nNOTE;QUOTED-PRINTABLE:=\r\n".utf8) + Array(repeating: 0x3D, count: 10_000),
            Array("BEGIN:VCARD\r\nNOTE:x\r\n".utf8) + Array(String(repeating: " a\r\n", count: 20_000).utf8),
            Array(String(repeating: "BEGIN:VCARD\r\n", count: 5_000).utf8),
            Array(String(repeating: "END:VCARD\n", count: 5_000).utf8),
            [0xFF, 0xFE, 0x42], [0xFE, 0xFF], [0xEF, 0xBB], Array(repeating: 0x0D, count: 10_000),
        ]
        for shape in shapes {
            let result = VCardReader().read(shape, file: "shape")
            #expect(result.cards.isEmpty)
        }
    }

    @Test("Errors name the line and never the value")
    func errorsHideValues() {
        let text =
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Secret-Example\r\nAna Secret-Example\r\nEND:VCARD\r\n"
            + "Bruno Secret-Exemple\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Chloe Secret\r\n"
        let result = VCardReader().read(Array(text.utf8), file: "people.vcf")
        #expect(result.cards.isEmpty)
        #expect(result.errors.map(\.location.line) == [4, 6, 7, 8])
        for error in result.errors { #expect(!error.description.contains("Secret"), "\(error.location)") }
    }
}

/// Flips, inserts and deletes bytes; deterministic for a given generator state.
enum Mutator {
    static func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var output = bytes
        let edits = 1 + Int(generator.next() % 8)
        let interesting: [UInt8] = [0x0D, 0x0A, 0x20, 0x3A, 0x3B, 0x3D, 0x5C, 0x2C, 0x22, 0xC3, 0xFF, 0x00]
        for _ in 0..<edits {
            let position = output.isEmpty ? 0 : Int(generator.next() % UInt64(output.count))
            switch generator.next() % 4 {
            case 0 where !output.isEmpty: output[position] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            case 1: output.insert(interesting[Int(generator.next() % UInt64(interesting.count))], at: position)
            case 2 where !output.isEmpty: output.remove(at: position)
            default:
                let length = min(output.count - position, Int(generator.next() % 40))
                if length > 0 { output.insert(contentsOf: output[position..<(position + length)], at: position) }
            }
        }
        return output
    }
}

/// A small seeded generator (SplitMix64), so that every run meets the same inputs.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
