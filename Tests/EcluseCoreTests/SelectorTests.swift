import EcluseCore
import EcluseTesting
import Foundation
import Testing

/// The selectors beyond owner and tags: consent, organisations, last interaction, appointments.
@Suite struct SelectorTests {
    let folder = Destination(name: "folder", kind: .vdir)
    let phones = Destination(name: "phones", kind: .carddav, scope: .perUser)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func decider(basis: LegalBasis = .legitimateInterest, _ selector: SubjectSelector, to: String = "folder") -> Decider
    {
        Decider(
            policy: Policy(
                purposes: [Purpose(name: "p", legalBasis: basis)], destinations: [folder, phones],
                rules: [Rule(purpose: "p", destination: to, subjects: selector, fields: FieldSet([FieldPath(.name)]))],
                version: "v"))
    }

    func contact(consent: Consent? = nil, organisation: String = "Exemple SA", lastInteraction: CalendarDate? = nil)
        -> Contact
    {
        var contact = Invented.contact(1)
        contact.consent = consent
        contact.organisation = Organisation(name: organisation)
        contact.lastInteraction = lastInteraction
        return contact
    }

    @Test func aSubjectWhoWithdrewOrObjectedIsNeverSelected() {
        let anyone = decider(SubjectSelector())
        #expect(anyone.decide(contact(), at: folder, for: nil).isSelected)
        #expect(anyone.decide(contact(consent: .given), at: folder, for: nil).isSelected)
        let withdrawn = anyone.decide(contact(consent: .withdrawn), at: folder, for: nil)
        #expect(!withdrawn.isSelected && withdrawn.reasons.first?.reason == "the subject withdrew consent")
        let objected = anyone.decide(contact(consent: .objected), at: folder, for: nil)
        #expect(objected.reasons.first?.reason == "the subject objected to the processing (Art. 21)")
    }

    @Test func aPurposeRestingOnConsentSelectsOnlyThoseWhoGaveIt() {
        let consentBased = decider(basis: .consent, SubjectSelector())
        #expect(!consentBased.decide(contact(), at: folder, for: nil).isSelected)
        #expect(consentBased.decide(contact(consent: .given), at: folder, for: nil).isSelected)
        let explicit = decider(SubjectSelector(consent: .given))
        #expect(!explicit.decide(contact(), at: folder, for: nil).isSelected)
    }

    @Test func organisationsAreComparedWithoutCase() {
        let rule = decider(SubjectSelector(organisations: ["exemple sa", "Autre SARL"]))
        #expect(rule.decide(contact(organisation: "Exemple SA"), at: folder, for: nil).isSelected)
        #expect(!rule.decide(contact(organisation: "Troisième SAS"), at: folder, for: nil).isSelected)
    }

    @Test func theLastInteractionMustFallInsideThePeriod() throws {
        let rule = decider(SubjectSelector(lastInteractionWithin: try #require(Period(parsing: "30d"))))
        let context = DecisionContext(now: now)
        let recent = LocalDateTime(now.addingTimeInterval(-10 * 86_400), in: .gmt).date
        let old = LocalDateTime(now.addingTimeInterval(-40 * 86_400), in: .gmt).date
        #expect(rule.decide(contact(lastInteraction: recent), at: folder, for: nil, in: context).isSelected)
        #expect(!rule.decide(contact(lastInteraction: old), at: folder, for: nil, in: context).isSelected)
        #expect(!rule.decide(contact(), at: folder, for: nil, in: context).isSelected)
    }

    @Test func anAppointmentWithTheCollectionsUserWithinTheWindowSelects() throws {
        let rule = decider(SubjectSelector(appointmentWithin: try #require(Period(parsing: "2w"))), to: "phones")
        let subject = contact()
        let meeting = Appointment(
            id: "a", sourceUID: "a@example.org", summary: "Rendez-vous",
            start: .dateTime(now.addingTimeInterval(5 * 86_400), timeZone: nil),
            end: .dateTime(now.addingTimeInterval(5 * 86_400 + 3_600), timeZone: nil),
            attendees: [subject.emails[0].value.uppercased()], owner: "alice")
        let context = DecisionContext(now: now, appointments: [meeting], contacts: [subject])
        #expect(rule.decide(subject, at: phones, for: "alice", in: context).isSelected)
        #expect(!rule.decide(subject, at: phones, for: "bruno", in: context).isSelected)
        let later = DecisionContext(
            now: now.addingTimeInterval(30 * 86_400), appointments: [meeting], contacts: [subject])
        #expect(!rule.decide(subject, at: phones, for: "alice", in: later).isSelected)
    }

    @Test func periodsAreWholeDaysOrWeeks() {
        #expect(Period(parsing: "90d")?.days == 90)
        #expect(Period(parsing: " 12W ")?.days == 84)
        #expect(Period(parsing: "3m") == nil)
        #expect(Period(parsing: "d") == nil)
        #expect(Period(parsing: "-4d") == nil)
    }

    /// A period longer than 100 years is refused, not multiplied until it overflows.
    @Test func periodsAreAtMostAHundredYears() {
        #expect(Period(parsing: "36500d")?.days == 36_500)
        #expect(Period(parsing: "5214w")?.days == 36_498)
        #expect(Period(parsing: "36501d") == nil)
        #expect(Period(parsing: "5215w") == nil)
        #expect(Period(parsing: "2000000000000000000w") == nil)
    }
}
