import EcluseFormats
import EcluseTesting
import Foundation

/// `ecluse-fuzz COUNT FOLDER...`: feeds the vCard, CSV and iCalendar readers COUNT mutated
/// inputs made from the files in the folders, with a fixed seed so a run can be repeated.
///
/// Before each input is read it is written to `fuzz-current.bin` in the working folder: when
/// a reader crashes, that file is the input that did it, ready to become a test. An input that
/// takes more than a second is reported as a hang and saved as `fuzz-slow-N.bin`.
@main
struct Fuzz {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 2, let count = Int(arguments[0]), count > 0 else {
            FileHandle.standardError.write(Data("usage: ecluse-fuzz COUNT FOLDER...\n".utf8))
            exit(2)
        }
        let seeds = try seedFiles(in: arguments.dropFirst().map { URL(fileURLWithPath: $0) })
        guard !seeds.isEmpty else {
            FileHandle.standardError.write(Data("error: no .vcf, .csv or .ics file in the folders given\n".utf8))
            exit(2)
        }
        var generator = SeededGenerator(seed: 20_261_204)
        var mutator = Mutator(seeds: seeds.map(\.bytes))
        var slow = 0
        var refused = 0
        var slowest = 0.0
        let current = URL(fileURLWithPath: "fuzz-current.bin")

        for index in 0..<count {
            let seed = seeds[Int.random(in: 0..<seeds.count, using: &generator)]
            let input = mutator.mutate(seed.bytes, using: &generator)
            try Data(input).write(to: current)
            let start = DispatchTime.now().uptimeNanoseconds
            let errors = read(input, as: seed.kind)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            slowest = max(slowest, seconds)
            if errors > 0 { refused += 1 }
            if seconds > 1 {
                slow += 1
                try Data(input).write(to: URL(fileURLWithPath: "fuzz-slow-\(index).bin"))
            }
            if (index + 1) % 20_000 == 0 { print("… \(index + 1) inputs") }
        }
        try? FileManager.default.removeItem(at: current)
        print(
            "fuzz: \(count) inputs from \(seeds.count) seed files, no crash; \(refused) refused with errors, "
                + "\(slow) over one second (slowest \(String(format: "%.3f", slowest)) s)")
        if slow > 0 { exit(1) }
    }

    enum Kind { case vCard, csv, iCalendar }

    struct Seed {
        var kind: Kind
        var bytes: [UInt8]
    }

    static func seedFiles(in folders: [URL]) throws -> [Seed] {
        var seeds: [Seed] = []
        for folder in folders {
            let names = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() {
                let kind: Kind
                switch URL(fileURLWithPath: name).pathExtension.lowercased() {
                case "vcf": kind = .vCard
                case "csv": kind = .csv
                case "ics": kind = .iCalendar
                default: continue
                }
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                    data.count < 1_000_000
                else { continue }
                seeds.append(Seed(kind: kind, bytes: Array(data)))
            }
        }
        return seeds
    }

    /// Reads `input` with the reader of its kind; returns the number of errors reported.
    static func read(_ input: [UInt8], as kind: Kind) -> Int {
        switch kind {
        case .vCard: VCardReader().read(input, file: "fuzz.vcf").errors.count
        case .csv: ContactCSVReader().read(input, file: "fuzz.csv").errors.count
        case .iCalendar: ICalReader().read(input, file: "fuzz.ics").errors.count
        }
    }
}

/// Mutations that reach the readers' edge cases: bytes flipped, cut, repeated and spliced,
/// and the tokens their grammars turn on inserted at random places.
struct Mutator {
    let seeds: [[UInt8]]
    private let tokens: [[UInt8]] = [
        "BEGIN:VCARD\r\n", "END:VCARD\r\n", "BEGIN:VEVENT\r\n", "END:VEVENT\r\n", "=\r\n", "\r\n ", "\n\t", ";",
        ",", ":", "\"", "\\", "=C3", "=", "ENCODING=QUOTED-PRINTABLE", "CHARSET=", "TYPE=", "RRULE:FREQ=DAILY",
        "TZID=", " ::: ", "* ", "\u{FEFF}", "\0", "\r",
    ].map { Array($0.utf8) }

    init(seeds: [[UInt8]]) { self.seeds = seeds }

    mutating func mutate(_ seed: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes[position] = UInt8.random(in: 0...255, using: &generator)
            case 1 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...64, using: &generator))
                bytes.removeSubrange(position..<end)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...256, using: &generator))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            case 3:
                let other = seeds[Int.random(in: 0..<seeds.count, using: &generator)]
                let cut = other.isEmpty ? 0 : Int.random(in: 0..<other.count, using: &generator)
                bytes = Array(bytes.prefix(position)) + other.suffix(from: cut)
            default:
                bytes.insert(contentsOf: tokens[Int.random(in: 0..<tokens.count, using: &generator)], at: position)
            }
        }
        return bytes
    }
}
