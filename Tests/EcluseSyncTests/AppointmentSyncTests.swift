import EcluseConnectors
import EcluseCore
import EcluseFormats
import EcluseLedger
import EcluseLogging
import EcluseStore
import EcluseSync
import EcluseTesting
import Foundation
import Testing

/// Promise 4 on a real folder of `.ics` files: an appointment reaches the user's calendar with
/// the details an appointment rule allows, and the sync after its deadline rewrites the event
/// without them; the event itself stays.
@Suite struct AppointmentSyncTests {
    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())
    /// Tuesday 2026-12-01 09:00 UTC, the first meeting's start.
    let meeting = Date(timeIntervalSince1970: 1_796_115_600)
    let day: TimeInterval = 86_400

    func policy(erase: Period = Period(days: 90), consent: ConsentRequirement = .notWithdrawn) -> Policy {
        Policy(
            purposes: [Purpose(name: "meetings", legalBasis: .legitimateInterest)],
            destinations: [
                Destination(
                    name: "agenda", kind: .vdir, scope: .perUser, settings: ["path": "agenda/{user}"],
                    items: .events)
            ],
            rules: [
                Rule(
                    purpose: "meetings", destination: "agenda", subjects: SubjectSelector(consent: consent),
                    fields: FieldSet(["name", "phone.work", "email.work"].compactMap(FieldPath.init(parsing:))),
                    eraseDetails: erase)
            ],
            version: "policy-v1")
    }

    func store(_ appointments: [Appointment]) throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let provenance = Provenance(source: "test", importedAt: Date())
        for number in 1...3 { try store.save(Invented.contact(number), provenance: provenance) }
        try store.save(User(login: "alice"))
        try store.save(User(login: "bruno"))
        for appointment in appointments { try store.save(appointment, provenance: provenance) }
        return store
    }

    func appointment(
        _ id: String, starts: Date, attendees: [String] = ["person1@example.org"], owner: String = "alice",
        rrule: String? = nil, recurrenceID: Date? = nil, uid: String? = nil
    ) -> Appointment {
        Appointment(
            id: id, sourceUID: uid ?? "crm-\(id)", recurrenceID: recurrenceID, summary: "Account review",
            location: "Lyon office", description: "CRM notes that never leave",
            start: .dateTime(starts, timeZone: "Europe/Paris"),
            end: .dateTime(starts.addingTimeInterval(3_600), timeZone: "Europe/Paris"),
            organizer: "alice@example.org", attendees: attendees, rrule: rrule, owner: owner)
    }

    func sync(_ store: SQLiteStore, at now: Date, policy: Policy? = nil) throws -> (SyncEngine, SyncReport) {
        let connectors = ConnectorFactory(baseFolder: folder.url, environment: [:], logger: logger)
        let engine = SyncEngine(
            store: store, policy: policy ?? self.policy(), connectors: connectors, clock: FixedClock(now),
            logger: logger)
        let report = engine.run(try engine.plan())
        #expect(report.succeeded, "\(report.collections.compactMap(\.error))")
        return (engine, report)
    }

    /// The events of alice's calendar folder, read back through the iCalendar reader.
    func events(of user: String = "alice") throws -> [CalendarEvent] {
        let path = folder.url.appendingPathComponent("agenda/\(user)")
        let names = try FileManager.default.contentsOfDirectory(atPath: path.path).filter { $0.hasSuffix(".ics") }
        return try names.sorted().flatMap { name in
            let result = ICalReader().read(try Data(contentsOf: path.appendingPathComponent(name)), file: name)
            #expect(result.errors.isEmpty)
            return result.events
        }
    }

    @Test func detailsStayUntilTheDeadlineThenTheEventIsRewrittenWithoutThem() throws {
        let store = try store([appointment("a1", starts: meeting)])
        let (first, created) = try sync(store, at: meeting.addingTimeInterval(-2 * day))
        #expect(created.collections.map(\.created) == [1, 0])
        let before = try #require(try events().first)
        #expect(before.summary == "Account review" && before.location == "Lyon office")
        #expect(before.start == .dateTime(meeting, timeZone: "Europe/Paris"))
        let details = try #require(before.description)
        #expect(details.contains("Emma Example") || details.contains(Invented.contact(1).displayName))
        #expect(details.contains("+33 1 00 00 00 01") && details.contains("person1@example.org"))
        // Only the allowed fields: no mobile, no home address, no CRM notes, no attendees.
        #expect(!details.contains("+33 6 00 00 00 01") && !details.contains("rue de l'Exemple"))
        #expect(!details.contains("CRM notes") && before.attendees.isEmpty && before.organizer == nil)
        let deadline = meeting.addingTimeInterval(3_600 + 90 * day)
        #expect(first.nextDeadline == deadline)

        // One second before the deadline nothing changes; at the deadline the details go.
        let (_, unchanged) = try sync(store, at: deadline.addingTimeInterval(-1))
        #expect(unchanged.collections.map(\.updated) == [0, 0])
        let (after, erased) = try sync(store, at: deadline)
        #expect(erased.collections.map(\.updated) == [1, 0])
        #expect(after.nextDeadline == nil)
        let event = try #require(try events().first)
        #expect(event.description == nil)
        #expect(event.summary == "Account review" && event.start == before.start && event.uid == before.uid)
        let entries = try store.ledgerEntries(after: 0, limit: 10)
        #expect(entries.map(\.action) == [.copyCreated, .copyUpdated])
        #expect(entries[0].fields == ["email.work", "name", "phone.work"] && entries[1].fields == [])
    }

    @Test func eachUserGetsOnlyTheirOwnAppointments() throws {
        let store = try store([
            appointment("a1", starts: meeting), appointment("b1", starts: meeting, owner: "bruno"),
        ])
        _ = try sync(store, at: meeting)
        #expect(try events(of: "alice").count == 1 && events(of: "bruno").count == 1)
        #expect(try events(of: "alice").first?.uid != events(of: "bruno").first?.uid)
    }

    @Test func anAttendeeWhoWithdrewConsentBringsNoDetails() throws {
        var appointment = appointment("a1", starts: meeting, attendees: ["person1@example.org", "person2@example.org"])
        appointment.attendees.append("stranger@example.net")
        let store = try store([appointment])
        var withdrawn = Invented.contact(2)
        withdrawn.consent = .withdrawn
        try store.save(withdrawn, provenance: Provenance(source: "test", importedAt: Date()))
        _ = try sync(store, at: meeting)
        let description = try #require(try events().first?.description)
        #expect(description.contains("person1@example.org"))
        #expect(!description.contains("person2@example.org") && !description.contains("stranger"))
    }

    @Test func aRepeatingMeetingCarriesDetailsOnlyInItsRecentAndNearOccurrences() throws {
        // Weekly from 2026-12-01; a moved occurrence on 2026-12-15 is stored on its own.
        let moved = meeting.addingTimeInterval(14 * day)
        var change = appointment(
            "a1-moved", starts: moved.addingTimeInterval(7_200), recurrenceID: moved, uid: "crm-a1")
        change.summary = "Account review (moved)"
        let store = try store([appointment("a1", starts: meeting, rrule: "FREQ=WEEKLY"), change])
        let now = meeting.addingTimeInterval(200 * day)
        let (engine, _) = try sync(store, at: now)

        let events = try events()
        let series = try #require(events.first { $0.recurrenceID == nil })
        #expect(series.rrule == "FREQ=WEEKLY" && series.description == nil)
        let occurrences = events.filter { $0.recurrenceID != nil }
        let withDetails = occurrences.filter { $0.description != nil }
        // Occurrences that ended within the last 90 days, and those of the next 92 days.
        for occurrence in withDetails {
            #expect(occurrence.end.instant.addingTimeInterval(90 * day) > now)
            #expect(occurrence.start.instant <= now.addingTimeInterval(92 * day))
        }
        #expect(withDetails.count == 26)
        // The moved occurrence is long past: it stays where it was moved to, without details.
        let movedCopy = try #require(occurrences.first { $0.recurrenceID == moved })
        #expect(movedCopy.description == nil && movedCopy.summary == "Account review (moved)")
        #expect(movedCopy.start.instant == moved.addingTimeInterval(7_200))
        // The next change is at the latest when the oldest occurrence's details go, 90 days
        // after it ended; before it nothing changes, at it the event is rewritten.
        let oldest = try #require(withDetails.map(\.end.instant).min())
        let next = try #require(engine.nextDeadline)
        #expect(next > now && next <= oldest.addingTimeInterval(90 * day))
        #expect(try sync(store, at: next.addingTimeInterval(-1)).1.collections.map(\.updated) == [0, 0])
        #expect(try sync(store, at: next).1.collections.map(\.updated) == [1, 0])

        // A week later the window has moved by one occurrence at each end.
        let (_, report) = try sync(store, at: now.addingTimeInterval(7 * day))
        #expect(report.collections.map(\.updated) == [1, 0])
        let later = try self.events().filter { $0.recurrenceID != nil && $0.description != nil }
        #expect(later.count == 26)
        #expect(!later.contains { $0.end.instant == oldest })
    }

    @Test func aUsersOwnEventsInTheSameFolderAreLeftAlone() throws {
        let store = try store([appointment("a1", starts: meeting)])
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("agenda/alice"), withIntermediateDirectories: true)
        let own = folder.url.appendingPathComponent("agenda/alice/my-own-event.ics")
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
        try text.write(to: own, atomically: true, encoding: .utf8)
        _ = try sync(store, at: meeting)
        _ = try sync(store, at: meeting.addingTimeInterval(200 * day))
        #expect(try String(contentsOf: own, encoding: .utf8) == text)
        #expect(try events().count == 1)
    }
}
