import EcluseConnectors
import EcluseCore
import EcluseFormats
import EcluseLogging
import EcluseStore
import EcluseSync
import EcluseTesting
import Foundation
import Testing

/// Appointments to a real Radicale over CalDAV: first sync, no-change sync, update, deadline
/// erasure of the details, and a user's own event in the same calendar left alone. What the
/// server holds is read back by Ecluse's reader and by Python's icalendar package.
@Suite struct CalDAVSyncTests {
    static let alice = Credentials(username: "alice", password: "invented-secret")
    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())
    /// 2026-12-01 08:00 UTC.
    let meeting = Date(timeIntervalSince1970: 1_796_115_600)
    let day: TimeInterval = 86_400

    func policy(_ radicale: Radicale) -> Policy {
        Policy(
            purposes: [Purpose(name: "meetings", legalBasis: .legitimateInterest)],
            destinations: [
                Destination(
                    name: "agenda", kind: .caldav, scope: .perUser,
                    settings: [
                        "url": radicale.url("{user}/ecluse-agenda/"), "username": "{user}",
                        "password-env": "TEST_CALDAV_PASSWORD",
                    ])
            ],
            rules: [
                Rule(
                    purpose: "meetings", destination: "agenda",
                    fields: FieldSet(["name", "phone.mobile", "email.work"].compactMap(FieldPath.init(parsing:))),
                    eraseDetails: Period(days: 90))
            ],
            version: "policy-v1")
    }

    func appointment(_ id: String, starts: Date, summary: String = "Account review", rrule: String? = nil)
        -> Appointment
    {
        Appointment(
            id: id, sourceUID: "crm-\(id)", summary: summary, location: "Lyon office",
            start: .dateTime(starts, timeZone: "Europe/Paris"),
            end: .dateTime(starts.addingTimeInterval(3_600), timeZone: "Europe/Paris"),
            attendees: ["person1@example.org"], rrule: rrule, owner: "alice")
    }

    func engine(_ store: SQLiteStore, _ radicale: Radicale, at now: Date) -> SyncEngine {
        let connectors = ConnectorFactory(
            baseFolder: folder.url, environment: ["TEST_CALDAV_PASSWORD": Self.alice.password], logger: logger)
        return SyncEngine(
            store: store, policy: policy(radicale), connectors: connectors, clock: FixedClock(now), logger: logger)
    }

    func sync(_ store: SQLiteStore, _ radicale: Radicale, at now: Date) throws -> CollectionReport {
        let engine = engine(store, radicale, at: now)
        let report = engine.run(try engine.plan())
        #expect(report.succeeded, "\(report.collections.compactMap(\.error)) \(report.collections.flatMap(\.failures))")
        return try #require(report.collections.first)
    }

    /// The bodies of the calendar's items, by href.
    func items(_ radicale: Radicale) throws -> [String: String] {
        let client = try HTTPClient(configuration: .init(credentials: Self.alice))
        let connector = try DAVConnector(
            collection: CollectionKey(destination: "agenda", user: "alice"),
            collectionURL: radicale.url("alice/ecluse-agenda/"), format: ItemFormat(.events), credentials: Self.alice)
        var bodies: [String: String] = [:]
        for item in try connector.listItems() {
            let response = try client.send(HTTPRequest(.get, url: radicale.baseURL + item.remoteID))
            #expect(response.status == 200)
            bodies[item.remoteID] = String(decoding: response.body, as: UTF8.self)
        }
        return bodies
    }

    func event(in body: String) throws -> CalendarEvent {
        let result = ICalReader().read(Array(body.utf8), file: "server")
        #expect(result.errors.isEmpty)
        return try #require(result.events.first { $0.recurrenceID == nil })
    }

    @Test func appointmentsReachRadicaleAndLoseTheirDetailsAtTheDeadline() throws {
        let radicale = try Radicale(authentication: .htpasswd(Self.alice))
        defer { radicale.stop() }
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let provenance = Provenance(source: "test", importedAt: Date())
        try store.save(Invented.contact(1), provenance: provenance)
        try store.save(User(login: "alice"))
        try store.save(appointment("a1", starts: meeting), provenance: provenance)
        try store.save(appointment("a2", starts: meeting, rrule: "FREQ=WEEKLY;COUNT=30"), provenance: provenance)
        let before = meeting.addingTimeInterval(-2 * day)

        #expect(try sync(store, radicale, at: before).created == 2)
        // A user's own event in the same calendar.
        let ownHref = "/alice/ecluse-agenda/own-event.ics"
        let own =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:own-1\r\n"
            + "DTSTAMP:20261201T000000Z\r\nDTSTART:20261203T100000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
            + "END:VCALENDAR\r\n"
        let client = try HTTPClient(configuration: .init(credentials: Self.alice))
        let put = try client.send(
            HTTPRequest(
                .put, url: radicale.baseURL + ownHref, headers: ["Content-Type": "text/calendar"],
                body: Array(own.utf8)))
        #expect(put.isSuccess)

        var bodies = try items(radicale)
        #expect(bodies.count == 3)
        // Radicale stores its own rendering of what it was given: that is what must not change.
        let ownAsStored = try #require(bodies[ownHref])
        #expect(ownAsStored.contains("SUMMARY:Dentist"))
        let single = try #require(
            bodies.first { $0.value.contains("Account review") && !$0.value.contains("RRULE:FREQ=WEEKLY") })
        let written = try event(in: single.value)
        #expect(written.description?.contains("+33 6 00 00 00 01") == true)
        #expect(written.description?.contains("+33 1 00 00 00 01") == false)
        #expect(try pythonReads(single.value) == ["Account review|Lyon office|Europe/Paris|details"])

        // Nothing changed: no write at all.
        #expect(try engine(store, radicale, at: before).plan().allSatisfy { $0.operations.isEmpty })

        // The CRM renames the meeting: one update.
        try store.save(appointment("a1", starts: meeting, summary: "Contract review"), provenance: provenance)
        let renamed = try sync(store, radicale, at: before)
        #expect(renamed.updated == 1 && renamed.created == 0)
        #expect(try event(in: try #require(try items(radicale)[single.key])).summary == "Contract review")

        // 90 days after the end: the single meeting loses its details, the event stays.
        let deadline = meeting.addingTimeInterval(3_600 + 90 * day)
        let erased = try sync(store, radicale, at: deadline)
        #expect(erased.updated >= 1 && erased.deleted == 0)
        bodies = try items(radicale)
        let after = try #require(bodies[single.key])
        #expect(try event(in: after).description == nil && !after.contains("+33 6"))
        #expect(try pythonReads(after) == ["Contract review|Lyon office|Europe/Paris|-"])
        // The series keeps details only in occurrences that ended less than 90 days ago.
        let series = try #require(bodies.first { $0.value.contains("RRULE:FREQ=WEEKLY") })
        let occurrences = ICalReader().read(Array(series.value.utf8), file: "server").events
        for occurrence in occurrences where occurrence.description != nil {
            #expect(occurrence.end.instant.addingTimeInterval(90 * day) > deadline)
        }
        #expect(occurrences.contains { $0.description != nil })
        #expect(bodies[ownHref] == ownAsStored)
    }

    /// SUMMARY, LOCATION, the start's zone and whether a DESCRIPTION is there, per event, as
    /// Python's icalendar package reads them.
    func pythonReads(_ body: String) throws -> [String] {
        let script = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
            for e in cal.walk("VEVENT"):
                zone = getattr(getattr(e.decoded("DTSTART"), "tzinfo", None), "key", "-")
                print("|".join([str(e["SUMMARY"]), str(e["LOCATION"]), zone, "details" if "DESCRIPTION" in e else "-"]))
            """
        let (status, output) = try Python.run(script, input: Data(body.utf8))
        #expect(status == 0)
        return output.split(separator: "\n").map(String.init)
    }
}
