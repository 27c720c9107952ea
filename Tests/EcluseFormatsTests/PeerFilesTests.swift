import EcluseCore
import EcluseFormats
import Foundation
import Testing

/// vCards exported by other applications (Outlook, iPhone, Android, Gmail…), read in place
/// from the shared corpus: they are not ours and are never copied into the project.
@Suite struct PeerFilesTests {
    @Test("Every peer export reads without errors, with a name on each card and no lost TEL or EMAIL")
    func everyPeerFileReads() throws {
        guard FixtureFiles.peerFolder != nil else {
            withKnownIssue("the shared peer files are absent on this machine; test skipped") {
                Issue.record("peer files absent")
            }
            return
        }
        var imported = 0
        var refused = 0
        for name in FixtureFiles.peerFiles {
            let bytes = FixtureFiles.bytes(ofPeerFile: name)
            let result = VCardReader().read(bytes, file: name)
            if result.errors.isEmpty, !result.cards.isEmpty { imported += 1 } else { refused += 1 }

            #expect(
                result.errors.isEmpty,
                "\(name): \(result.errors.count) errors, first: \(result.errors.first?.description ?? "")")
            #expect(!result.cards.isEmpty, "\(name): no card")
            for card in result.cards {
                #expect(!card.contact.displayName.isEmpty, "\(name): card at \(card.location) has no name")
            }
            let phones = result.cards.reduce(0) { $0 + $1.contact.phones.count }
            let emails = result.cards.reduce(0) { $0 + $1.contact.emails.count }
            #expect(phones == Self.count("TEL", in: bytes), "\(name): TEL lines")
            #expect(emails == Self.count("EMAIL", in: bytes), "\(name): EMAIL lines")
        }
        print("peer vCard files: \(imported) imported, \(refused) refused, \(FixtureFiles.peerFiles.count) in all")
        #expect(FixtureFiles.peerFiles.count >= 10)
    }

    /// Physical lines whose property name (after any group) is `name`, counted in the raw file.
    static func count(_ name: String, in bytes: [UInt8]) -> Int {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).filter { line in
            guard let first = line.first, first != " ", first != "\t" else { return false }
            let head = line.prefix { $0 != ";" && $0 != ":" }
            let property = head.split(separator: ".").last.map(String.init) ?? ""
            return property.uppercased() == name && line.contains(":")
        }.count
    }
}
