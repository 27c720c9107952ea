import EcluseCore
import EcluseImport
import EcluseLogging
import EcluseStore
import EcluseTesting
import Foundation
import Testing

/// A file that is silent about the CRM's facts never erases them.
@Suite struct CRMFactsTests {
    @Test func aWithdrawnConsentSurvivesAnImportThatSaysNothingAboutIt() throws {
        let folder = TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let importer = ContactImporter(store: store, logger: Logger(label: "test", sink: .capturing()))
        let crm = try folder.write(
            "crm.vcf",
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:w-1\r\nFN:Ursula Exemple\r\nEMAIL;TYPE=WORK:ursula@example.org\r\n"
                + "CATEGORIES:customer\r\nX-CRM-OWNER:alice\r\nX-CRM-CONSENT:withdrawn\r\n"
                + "X-CRM-LAST-INTERACTION:2026-11-30\r\nEND:VCARD\r\n")
        let phone = try folder.write(
            "phone.vcf",
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ursula Exemple\r\nEMAIL;TYPE=WORK:ursula@example.org\r\n"
                + "TEL;TYPE=CELL:+33 6 00 00 00 05\r\nEND:VCARD\r\n")
        _ = importer.importFile(at: crm)
        let result = importer.importFile(at: phone)

        let stored = try #require(try store.allContacts().first)
        #expect(result.updated == 1)
        #expect(stored.consent == .withdrawn)
        #expect(stored.tags == ["customer"])
        #expect(stored.owner == "alice" && stored.sourceUID == "w-1")
        #expect(stored.lastInteraction == CalendarDate(year: 2026, month: 11, day: 30))
        #expect(stored.phones.map(\.value) == ["+33 6 00 00 00 05"])
    }
}
