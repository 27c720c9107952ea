import EcluseCore
import Testing

@testable import EcluseFormats

/// The CRM's own properties decide what leaves; they are read into the model, not kept raw.
@Suite struct CRMPropertiesTests {
    func read(_ lines: String) -> VCardReadResult {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Example\r\n\(lines)END:VCARD\r\n"
        return VCardReader().read(Array(text.utf8), file: "crm.vcf")
    }

    @Test func consentAndLastInteractionAreRead() {
        let result = read("X-CRM-CONSENT:Withdrawn\r\nX-CRM-LAST-INTERACTION:2026-11-30T10:00:00Z\r\n")
        let contact = result.cards.first?.contact
        #expect(contact?.consent == .withdrawn)
        #expect(contact?.lastInteraction == CalendarDate(year: 2026, month: 11, day: 30))
        #expect(contact?.extras.isEmpty == true)
    }

    @Test func unreadableValuesAreLeftUnknownWithAWarning() {
        let result = read("X-CRM-CONSENT:maybe\r\nX-CRM-LAST-INTERACTION:yesterday\r\n")
        #expect(result.cards.first?.contact.consent == nil)
        #expect(result.cards.first?.contact.lastInteraction == nil)
        #expect(result.cards.first?.warnings.count == 2)
    }

    @Test func theSubjectSelectorsLoadFromThePolicy() throws {
        let text = """
            purposes:
              p: { legal-basis: contract }
            destinations:
              d: { kind: vdir, path: out, residency: eu }
            rules:
              - purpose: p
                to: d
                subjects:
                  organisations: [Exemple SA]
                  consent: given
                  last-interaction-within: 180d
                  appointment-within: 2w
                fields: [name]

            """
        let policy = try PolicyLoader().load(Array(text.utf8), file: "policy.yaml")
        let selector = try #require(policy.rules.first?.subjects)
        #expect(selector.organisations == ["Exemple SA"])
        #expect(selector.consent == .given)
        #expect(selector.lastInteractionWithin == Period(days: 180))
        #expect(selector.appointmentWithin == Period(days: 14))
    }

    @Test func aBadPeriodIsNamedWithItsLine() {
        let text = """
            purposes:
              p: { legal-basis: contract }
            destinations:
              d: { kind: vdir, path: out, residency: eu }
            rules:
              - { purpose: p, to: d, subjects: { appointment-within: soon }, fields: [name] }

            """
        #expect(throws: PolicyError.self) { try PolicyLoader().load(Array(text.utf8), file: "policy.yaml") }
        do {
            _ = try PolicyLoader().load(Array(text.utf8), file: "policy.yaml")
        } catch {
            #expect(
                error.problems.first?.description.hasPrefix(
                    "policy.yaml:6:58: \"appointment-within\" should be a length of time such as 90d or 12w") == true,
                "\(error.problems)")
        }
    }
}

@Suite struct CRMPropertiesMoreTests {
    func read(_ lines: String) -> Contact? {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Example\r\n\(lines)END:VCARD\r\n"
        return VCardReader().read(Array(text.utf8), file: "crm.vcf").cards.first?.contact
    }

    @Test func theMoreRestrictiveOfTwoConsentsStands() {
        #expect(read("X-CRM-CONSENT:given\r\nX-CRM-CONSENT:withdrawn\r\n")?.consent == .withdrawn)
        #expect(read("X-CRM-CONSENT:objected\r\nX-CRM-CONSENT:given\r\n")?.consent == .objected)
    }

    @Test func applesLabelsGiveTheKindsTheyName() {
        let contact = read(
            "item1.ADR:;;9 chemin Privé;Annecy;;74000;France\r\nitem1.X-ABLabel:_$!<Home>!$_\r\n"
                + "item2.EMAIL:perso@example.net\r\nitem2.X-ABLabel:_$!<Home>!$_\r\n"
                + "item3.TEL:+33 4 00 00 00 09\r\nitem3.X-ABLabel:_$!<HomeFAX>!$_\r\n"
                + "item4.TEL:+33 6 00 00 00 09\r\nitem4.X-ABLabel:_$!<Mobile>!$_\r\n")
        #expect(contact?.addresses.first?.kinds == [.home])
        #expect(contact?.emails.first?.kinds == [.home])
        #expect(contact?.phones.map(\.kinds) == [[.home, .fax], [.mobile]])
    }

    @Test func aPerUserDestinationWithoutUserIsRefused() {
        let text = """
            purposes:
              p: { legal-basis: contract }
            destinations:
              phones:
                kind: vdir
                path: out/shared-phones
                scope: per-user
                residency: eu

            """
        #expect(throws: PolicyError.self) { try PolicyLoader().load(Array(text.utf8), file: "policy.yaml") }
    }
}
