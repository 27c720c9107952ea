import EcluseCore
import EcluseFormats
import Foundation
import Testing

/// The `.csv` import cases of `Fixtures/import-cases`: each reads as its `.expected.json` says.
@Suite struct CSVImportCasesTests {
    static var csvCases: [String] {
        guard let folder = FixtureFiles.importCases,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".csv") }.sorted()
    }

    @Test("The fixture folder holds the three CSV cases")
    func fixtureFolderHoldsCases() {
        #expect(Self.csvCases.count == 3)
    }

    @Test("Each CSV import case reads as its expected.json says", arguments: csvCases)
    func caseReadsAsExpected(_ name: String) throws {
        let expected = try #require(expectation(for: name))
        let result = ContactCSVReader().read(FixtureFiles.bytes(ofCase: name), file: name)
        let contacts = expected["contacts"] as? [[String: Any]] ?? []

        #expect(result.errors.count == (expected["errors"] as? [Any])?.count ?? 0, "\(name): errors")
        #expect(result.contacts.count == contacts.count, "\(name): number of contacts")
        if let delimiter = expected["delimiter"] as? String {
            #expect(result.delimiter?.rawValue == delimiter, "\(name): delimiter")
        }
        if let encoding = expected["detected_encoding"] as? String {
            #expect(result.encoding?.rawValue == encoding, "\(name): encoding")
        }
        for (read, facts) in zip(result.contacts, contacts) {
            // CaseFacts checks a vCard's ReadCard; a CSV row has no version, and no fact asks for one.
            let card = ReadCard(contact: read.contact, version: .v40, location: read.location)
            CaseFacts(name: name, card: card, facts: modelled(facts, contact: read.contact, name: name)).check()
            checkCustomColumns(of: read.contact, facts: facts, name: name)
        }
    }

    @Test("A Google cell of several values splits, and only its first value is preferred")
    func googleMultiValueSplits() throws {
        let name = "38-google-csv-multivalue.csv"
        let result = ContactCSVReader().read(FixtureFiles.bytes(ofCase: name), file: name)
        let contact = try #require(result.contacts.first).contact
        #expect(result.layout == .googleContacts)
        #expect(contact.emails.map(\.preferred) == [true, false, false])
        #expect(contact.phones.map(\.kinds) == [[.mobile], [.mobile], [.work]])
        #expect(contact.tags == ["clients"])
        #expect(contact.birthday == "--04-15")
        #expect(result.contacts.first?.location.line == 2)
    }

    @Test("A windows-1252 file keeps the accents that start a field")
    func windows1252KeepsLeadingAccents() throws {
        let name = "40-windows-1252-csv-leading-accent.csv"
        let result = ContactCSVReader().read(FixtureFiles.bytes(ofCase: name), file: name)
        #expect(result.layout == .outlookEnglish)
        #expect(result.contacts.map(\.contact.name.given) == ["Élodie", "Ana"])
        #expect(result.contacts.map(\.contact.displayName) == ["Élodie Öztürk", "Ana Example"])
        #expect(result.contacts.map(\.location.line) == [2, 3])
    }

    @Test("A semicolon file keeps the line break of a quoted note and the line of the next row")
    func semicolonFileKeepsLines() throws {
        let name = "42-semicolon-csv-european.csv"
        let result = ContactCSVReader().read(FixtureFiles.bytes(ofCase: name), file: name)
        #expect(result.layout == .outlookFrench)
        #expect(result.contacts.map(\.location.line) == [2, 4])
        #expect(result.contacts.last?.contact.note == nil)
    }

    /// The facts in Ecluse's terms: an empty note is no note (`nil`), as for a vCard without NOTE.
    private func modelled(_ facts: [String: Any], contact: Contact, name: String) -> [String: Any] {
        guard facts["note"] as? String == "" else { return facts }
        #expect(contact.note == nil, "\(name): empty note")
        return facts.filter { $0.key != "note" }
    }

    private func checkCustomColumns(of contact: Contact, facts: [String: Any], name: String) {
        guard let custom = facts["custom"] as? [String: String] else { return }
        for (column, value) in custom {
            let kept = contact.extras.filter { $0.name == "X-CSV-\(column)" }.map(\.value)
            #expect(kept == [value], "\(name): custom \(column)")
        }
    }

    private func expectation(for name: String) -> [String: Any]? {
        let json = name.replacingOccurrences(of: ".csv", with: ".expected.json")
        let data = Data(FixtureFiles.bytes(ofCase: json))
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["expected"] as? [String: Any]
    }
}
