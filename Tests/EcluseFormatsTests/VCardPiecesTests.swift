import EcluseCore
import EcluseTesting
import Foundation
import Testing

@testable import EcluseFormats

/// A large file read in pieces on two threads gives exactly what reading it whole gives.
@Suite struct VCardPiecesTests {
    /// 3,000 invented cards, with a broken card and an empty card in the middle and CRLF lines.
    static let file: [UInt8] = {
        var text = ""
        for number in 0..<3_000 {
            if number == 1_234 { text += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nno colon here\r\nEND:VCARD\r\n" }
            if number == 2_345 { text += "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n" }
            text += Invented.vCard(number)
        }
        return Array(text.utf8)
    }()

    @Test func piecesGiveTheSameCardsErrorsWarningsAndLines() {
        let whole = VCardReader().read(Self.file, file: "big.vcf")
        var cards: [ReadCard] = []
        var errors: [FormatError] = []
        var warnings: [FormatWarning] = []
        var pieces = 0
        VCardReader().readInPieces(Self.file, file: "big.vcf", pieceSize: 64 * 1_024) { piece in
            pieces += 1
            cards += piece.cards
            errors += piece.errors
            warnings += piece.warnings
        }
        #expect(pieces > 10)
        #expect(cards.count == 3_000 && whole.cards.count == 3_000)
        #expect(cards.map(\.contact) == whole.cards.map(\.contact))
        #expect(cards.map(\.location) == whole.cards.map(\.location))
        #expect(errors == whole.errors && errors.count == 1)
        #expect(warnings == whole.warnings)
    }

    @Test func aConcurrentReadGivesWhatAWholeReadGives() {
        let whole = VCardReader().read(Self.file, file: "big.vcf")
        let concurrent = VCardReader().readConcurrently(Self.file, file: "big.vcf", pieceSize: 64 * 1_024)
        #expect(concurrent.cards.map(\.contact) == whole.cards.map(\.contact))
        #expect(concurrent.cards.map(\.location) == whole.cards.map(\.location))
        #expect(concurrent.errors == whole.errors && concurrent.warnings == whole.warnings)
    }

    @Test func aFileWithLoneCarriageReturnsIsReadWhole() {
        let text = String(decoding: Self.file, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\r")
        var pieces = 0
        VCardReader().readInPieces(Array(text.utf8), file: "mac.vcf", pieceSize: 64 * 1_024) { _ in pieces += 1 }
        #expect(pieces == 1)
    }

    @Test func aThrowingHandlerStopsTheReadAndLetsTheParserFinish() {
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try VCardReader().readInPieces(Self.file, file: "big.vcf", pieceSize: 64 * 1_024) { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }
}
