import EcluseCore
import EcluseFormats
import Foundation
import Testing

/// The import cases of `Fixtures/import-cases`: each `.vcf` must read as its `.expected.json` says.
@Suite struct ImportCasesTests {
    @Test("The fixture folder holds vCard cases")
    func fixtureFolderHoldsCases() {
        #expect(FixtureFiles.vcardCases.count >= 15)
    }

    @Test("Each vCard import case reads as its expected.json says", arguments: FixtureFiles.vcardCases)
    func caseReadsAsExpected(_ name: String) throws {
        let expected = try #require(expectation(for: name))
        let result = VCardReader().read(FixtureFiles.bytes(ofCase: name), file: name)
        let contacts = expected["contacts"] as? [[String: Any]] ?? []

        #expect(result.errors.count == (expected["errors"] as? [Any])?.count ?? 0, "\(name): errors")
        #expect(result.cards.count == contacts.count, "\(name): number of contacts")
        if let count = expected["count"] as? Int { #expect(result.cards.count == count, "\(name): count") }
        let allWarnings = result.warnings + result.cards.flatMap(\.warnings)
        if let skipped = expected["skipped"] as? Int {
            #expect(result.warnings.filter { $0.message.contains("empty card") }.count == skipped, "\(name)")
        }
        if let warnings = expected["warnings"] as? [Any] {
            #expect(allWarnings.count >= warnings.count, "\(name): warnings")
        }
        for (card, facts) in zip(result.cards, contacts) {
            CaseFacts(name: name, card: card, facts: facts).check()
        }
    }

    @Test("An Outlook 2.1 quoted-printable address keeps its line break and gets its LABEL")
    func outlookAddressKeepsLineBreak() throws {
        let name = "04-outlook-qp-adr-embedded-newline.vcf"
        let card = try #require(VCardReader().read(FixtureFiles.bytes(ofCase: name), file: name).cards.first)
        let address = try #require(card.contact.addresses.first)
        #expect(address.street == "12 Rue de l'Exemple\nBatiment B")
        #expect(address.label == "12 Rue de l'Exemple\nBatiment B\n69000 Lyon")
        #expect(address.kinds == [.work] && address.preferred)
        #expect(card.contact.extras.map(\.name) == ["X-MS-OL-DEFAULT-POSTAL-ADDRESS"])
    }

    @Test("A fold inside a quoted-printable escape rejoins the character it cut")
    func foldInsideEscapeRejoins() throws {
        let name = "03-rfc-fold-inside-qp-escape.vcf"
        let card = try #require(VCardReader().read(FixtureFiles.bytes(ofCase: name), file: name).cards.first)
        #expect(card.contact.displayName == "Ана Пример")
        #expect(card.contact.name.given == "Ана")
        #expect(card.contact.phones.map(\.kinds) == [[.mobile]])
    }

    @Test("A card without FN is named from N, with a warning")
    func missingFullNameIsDerived() throws {
        let text =
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Example;Ana;;;\r\nX-CRM-OWNER:jdupont\r\n"
            + "CATEGORIES: Customer ,VIP\r\nEND:VCARD\r\n"
        let card = try #require(VCardReader().read(Array(text.utf8), file: "a.vcf").cards.first)
        #expect(card.contact.displayName == "Ana Example")
        #expect(card.contact.owner == "jdupont")
        #expect(card.contact.tags == ["customer", "vip"])
        #expect(card.contact.id == SubjectID(""))
        #expect(card.warnings.contains { $0.message.contains("no FN") })
    }

    @Test("Apple group labels name the phone or email of their group")
    func appleGroupLabelsAttach() throws {
        let text =
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Example\r\nitem1.TEL:+33 6 00 00 00 03\r\n"
            + "item1.X-ABLabel:_$!<Mobile>!$_\r\nitem2.EMAIL;type=INTERNET:ana@example.org\r\n"
            + "item2.X-ABLabel:Atelier\r\nitem3.URL:https://example.org\r\nitem3.X-ABLabel:Site\r\nEND:VCARD\r\n"
        let card = try #require(VCardReader().read(Array(text.utf8), file: "a.vcf").cards.first)
        #expect(card.contact.phones.first?.label == "mobile")
        #expect(card.contact.emails.first?.label == "Atelier")
        #expect(card.contact.extras.map(\.name) == ["X-ABLABEL"])
    }

    /// Every case file has its expected facts, so no case can be added and silently skipped:
    /// the vCard, iCalendar and CSV suites each run the cases of their format.
    @Test func everyImportCaseHasItsExpectedFacts() {
        #expect(FixtureFiles.allCases.count == 28)
        for name in FixtureFiles.allCases {
            let stem = (name as NSString).deletingPathExtension
            #expect(!FixtureFiles.bytes(ofCase: stem + ".expected.json").isEmpty, "\(name) has no expected.json")
        }
    }

    private func expectation(for name: String) -> [String: Any]? {
        let json = name.replacingOccurrences(of: ".vcf", with: ".expected.json")
        let data = Data(FixtureFiles.bytes(ofCase: json))
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["expected"] as? [String: Any]
    }
}
