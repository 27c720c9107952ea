import EcluseCore
import EcluseFormats
import EcluseImport
import EcluseLogging
import EcluseStore
import EcluseTesting
import Foundation
import Testing

@Suite struct ContactImporterTests {
    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())

    func card(uid: String?, name: String, email: String?, phone: String?, note: String = "") -> String {
        var lines = ["BEGIN:VCARD", "VERSION:3.0"]
        if let uid { lines.append("UID:\(uid)") }
        lines.append("FN:\(name)")
        if let email { lines.append("EMAIL;TYPE=WORK:\(email)") }
        if let phone { lines.append("TEL;TYPE=CELL:\(phone)") }
        if !note.isEmpty { lines.append("NOTE:\(note)") }
        lines.append("END:VCARD")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    func setUp() throws -> (SQLiteStore, ContactImporter) {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        return (store, ContactImporter(store: store, logger: logger))
    }

    func importText(_ text: String, as name: String, with importer: ContactImporter) throws -> FileImportResult {
        importer.importFile(at: try folder.write(name, text))
    }

    @Test func aCardWithoutUIDIsMatchedByItsPhoneNumberHoweverItIsWritten() throws {
        let (store, importer) = try setUp()
        _ = try importText(
            card(uid: nil, name: "Ana Example", email: nil, phone: "+33 6 00 00 00 01"), as: "a.vcf",
            with: importer)
        let second = try importText(
            card(uid: nil, name: "Ana Example", email: nil, phone: "06.00.00.00.01", note: "new"), as: "b.vcf",
            with: importer)
        #expect(second.created == 0 && second.updated == 1)
        #expect(try store.contactCount() == 1)
    }

    @Test func aCardIsMatchedByEmailWhenItHasNoUID() throws {
        let (store, importer) = try setUp()
        _ = try importText(
            card(uid: "crm-1", name: "Ana", email: "ana@example.org", phone: nil), as: "a.vcf",
            with: importer)
        let second = try importText(
            card(uid: nil, name: "Ana Example", email: "ANA@example.org", phone: nil), as: "b.vcf", with: importer)
        #expect(second.updated == 1)
        #expect(try store.allContacts().map(\.displayName) == ["Ana Example"])
    }

    @Test func aCardWithAnotherUIDNeverTakesOverASubject() throws {
        let (store, importer) = try setUp()
        _ = try importText(
            card(uid: "crm-1", name: "Ana", email: "shared@example.org", phone: nil), as: "a.vcf",
            with: importer)
        let second = try importText(
            card(uid: "crm-2", name: "Bruno", email: "shared@example.org", phone: nil), as: "b.vcf", with: importer)
        #expect(second.created == 1)
        #expect(try store.contactCount() == 2)
    }

    @Test func anAmbiguousPhoneNumberMatchesNobody() throws {
        let (store, importer) = try setUp()
        let two =
            card(uid: "crm-1", name: "Ana", email: nil, phone: "+33 1 00 00 00 09")
            + card(uid: "crm-2", name: "Bruno", email: nil, phone: "+33 1 00 00 00 09")
        _ = try importText(two, as: "a.vcf", with: importer)
        let third = try importText(
            card(uid: nil, name: "Chloé", email: nil, phone: "01 00 00 00 09"), as: "b.vcf",
            with: importer)
        #expect(third.created == 1)
        #expect(try store.contactCount() == 3)
    }

    @Test func aDryRunStoresNothingButCountsWhatWouldChange() throws {
        let (store, importer) = try setUp()
        let path = try folder.write("a.vcf", card(uid: "crm-1", name: "Ana", email: nil, phone: nil))
        let result = importer.importFile(at: path, dryRun: true)
        #expect(result.dryRun && result.created == 1)
        #expect(try store.contactCount() == 0)
    }

    @Test func aRefusedFileLeavesNothingAndNamesItsLine() throws {
        let (store, importer) = try setUp()
        let broken =
            card(uid: "crm-1", name: "Ana", email: nil, phone: nil)
            + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bruno\r\nthis line has no colon\r\nEND:VCARD\r\n"
        let result = try importText(broken, as: "broken.vcf", with: importer)
        #expect(result.refused)
        #expect(result.errors.first?.location.line == 9)
        #expect(result.errors.first?.location.file.hasSuffix("broken.vcf") == true)
        #expect(try store.contactCount() == 0)
    }

    @Test func importingTheSameFileTwiceChangesNothing() throws {
        let (store, importer) = try setUp()
        let text = (1...20).map { Invented.vCard($0) }.joined()
        let first = try importText(text, as: "crm.vcf", with: importer)
        let before = try store.allContacts()
        let second = try importText(text, as: "crm.vcf", with: importer)
        #expect(first.created == 20)
        #expect(second.unchanged == 20 && second.created == 0 && second.updated == 0)
        #expect(try store.allContacts() == before)
        #expect(try store.users().map(\.login) == ["alice"])
    }

    /// A file large enough to be read in pieces: a malformed card near its end still refuses
    /// the whole file, and `partial` keeps every other card.
    @Test func aLargeFileWithOneBrokenCardIsRefusedWholeOrKeptPartially() throws {
        let (store, importer) = try setUp()
        var text = (0..<6_000).map { Invented.vCard($0) }.joined()
        text += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nno colon\r\nEND:VCARD\r\n"
        let path = try folder.write("big.vcf", text)

        let refused = importer.importFile(at: path)
        #expect(refused.refused && refused.created == 0)
        #expect(refused.errors.map(\.location.line) == [6_000 * 18 + 4])
        #expect(try store.contactCount() == 0)

        let partial = importer.importFile(at: path, partial: true)
        #expect(!partial.refused && partial.created == 6_000 && partial.errors.count == 1)
        #expect(try store.contactCount() == 6_000)
    }
}

@Suite struct SharedAddressTests {
    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())

    @Test func twoPeopleOfOneFileWhoShareAnAddressStayTwoAndReimportUnchanged() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let importer = ContactImporter(store: store, logger: logger)
        func card(_ name: String, _ phone: String) -> String {
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\(name)\r\nEMAIL:info@example.org\r\nTEL:\(phone)\r\nEND:VCARD\r\n"
        }
        let path = try folder.write(
            "shared.vcf", card("Info Alpha", "06 00 00 00 41") + card("Info Beta", "06 00 00 00 42"))

        let first = importer.importFile(at: path)
        let second = importer.importFile(at: path)

        #expect(first.created == 2 && first.updated == 0)
        #expect(try store.allContacts().map(\.displayName).sorted() == ["Info Alpha", "Info Beta"])
        #expect(second.unchanged == 2 && second.created == 0 && second.updated == 0)
    }

    @Test func aSecondRecordWithTheSameUIDIsLeftOutWithAWarning() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let importer = ContactImporter(store: store, logger: logger)
        func card(_ name: String) -> String { "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:crm-7\r\nFN:\(name)\r\nEND:VCARD\r\n" }
        let path = try folder.write("twice.vcf", card("Ana Example") + card("Bruno Example"))

        let first = importer.importFile(at: path)
        let second = importer.importFile(at: path)

        #expect(first.created == 1 && first.skipped == 1)
        #expect(
            first.warnings.map(\.message) == ["a record with the same UID as an earlier one in this file was left out"])
        #expect(try store.allContacts().map(\.displayName) == ["Ana Example"])
        #expect(second.unchanged == 1 && second.skipped == 1 && second.updated == 0)
    }
}
