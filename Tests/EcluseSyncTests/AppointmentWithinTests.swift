import EcluseCore
import EcluseFormats
import EcluseTesting
import Foundation
import Testing

/// `appointment-within` counts every occurrence of a repeating meeting, not only its first.
@Suite struct AppointmentWithinTests {
    let policy = Policy(
        purposes: [Purpose(name: "visits", legalBasis: .legitimateInterest)],
        destinations: [Destination(name: "phones", kind: .vdir, scope: .perUser, settings: ["path": "out/{user}"])],
        rules: [
            Rule(
                purpose: "visits", destination: "phones",
                subjects: SubjectSelector(appointmentWithin: Period(days: 14)), fields: FieldSet([FieldPath(.name)]))
        ],
        version: "v1")

    /// Weekly on Mondays since January 2025, with person 1.
    func weekly(owner: String = "alice", until: String? = nil) -> Appointment {
        let start = Date(timeIntervalSince1970: 1_736_150_400)  // 2025-01-06 08:00 UTC
        return Appointment(
            id: "a1", sourceUID: "crm-a1", summary: "Weekly", start: .dateTime(start, timeZone: "Europe/Paris"),
            end: .dateTime(start.addingTimeInterval(3_600), timeZone: "Europe/Paris"),
            attendees: ["person1@example.org"], rrule: "FREQ=WEEKLY" + (until.map { ";UNTIL=\($0)" } ?? ""),
            owner: owner)
    }

    func selected(_ appointment: Appointment, at now: Date, expander: any OccurrenceExpanding) -> Bool {
        let contact = Invented.contact(1)
        let context = DecisionContext(
            now: now, appointments: [appointment], contacts: [contact], window: policy.appointmentWindow,
            expander: expander)
        let destination = policy.destinations[0]
        return Decider(policy: policy).decide(contact, at: destination, for: "alice", in: context).isSelected
    }

    @Test func aWeeklyMeetingStartedLongAgoStillSelectsItsAttendee() {
        let now = Date(timeIntervalSince1970: 1_796_371_200)  // 2026-12-04
        #expect(selected(weekly(), at: now, expander: ICalOccurrences()))
        // Only its first occurrence, two years ago, would not.
        #expect(!selected(weekly(), at: now, expander: FirstOccurrenceOnly()))
        // A series that ended in March 2026 no longer does; nor does another user's series.
        #expect(!selected(weekly(until: "20260301T000000Z"), at: now, expander: ICalOccurrences()))
        #expect(!selected(weekly(owner: "bruno"), at: now, expander: ICalOccurrences()))
    }
}
