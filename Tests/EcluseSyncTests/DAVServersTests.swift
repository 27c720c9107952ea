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

/// The same life of a sync on every CardDAV/CalDAV server the tests can start (Radicale, and
/// Xandikos where it installs): first sync, no-change sync, update, delete, the deadline that
/// erases appointment details, drift written back, and a user's own items left alone.
@Suite struct DAVServersTests {
    /// A server under test and where alice's collections go on it.
    final class Server {
        let name: String
        let baseURL: String
        let contactsPath: String
        let calendarPath: String
        private let stopServer: () -> Void

        init(_ name: String) throws {
            self.name = name
            switch name {
            case "radicale":
                let radicale = try Radicale()
                baseURL = radicale.baseURL
                (contactsPath, calendarPath) = ("/alice/ecluse-contacts/", "/alice/ecluse-agenda/")
                stopServer = radicale.stop
            default:
                let xandikos = try Xandikos()
                baseURL = xandikos.baseURL
                (contactsPath, calendarPath) = ("/user/contacts/ecluse/", "/user/calendars/ecluse/")
                stopServer = xandikos.stop
            }
        }

        func stop() { stopServer() }
    }

    static let servers = ["radicale"] + (Xandikos.isInstalled ? ["xandikos"] : [])
    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())
    /// 2026-12-01 08:00 UTC.
    let meeting = Date(timeIntervalSince1970: 1_796_115_600)
    let day: TimeInterval = 86_400

    func policy(_ server: Server) -> Policy {
        let login = ["username": "alice", "password-env": "TEST_DAV_PASSWORD"]
        let fields = FieldSet(["name", "phone.work"].compactMap(FieldPath.init(parsing:)))
        return Policy(
            purposes: [Purpose(name: "work", legalBasis: .legitimateInterest)],
            destinations: [
                Destination(
                    name: "phones", kind: .carddav,
                    settings: login.merging(["url": server.baseURL + server.contactsPath]) { a, _ in a }),
                Destination(
                    name: "agenda", kind: .caldav,
                    settings: login.merging(["url": server.baseURL + server.calendarPath]) { a, _ in a }),
            ],
            rules: [
                Rule(
                    purpose: "work", destination: "phones", subjects: SubjectSelector(tagsAny: ["customer"]),
                    fields: fields),
                Rule(purpose: "work", destination: "agenda", fields: fields, eraseDetails: Period(days: 90)),
            ],
            version: "policy-v1")
    }

    func sync(_ store: SQLiteStore, _ server: Server, at now: Date) throws -> [CollectionReport] {
        let connectors = ConnectorFactory(
            baseFolder: folder.url, environment: ["TEST_DAV_PASSWORD": "invented"], logger: logger)
        let engine = SyncEngine(
            store: store, policy: policy(server), connectors: connectors, clock: FixedClock(now), logger: logger)
        let report = engine.run(try engine.plan())
        #expect(
            report.succeeded,
            "\(server.name): \(report.collections.compactMap(\.error)) \(report.collections.flatMap(\.failures))")
        return report.collections
    }

    func get(_ server: Server, _ href: String) throws -> HTTPResponse {
        try HTTPClient(configuration: .init(credentials: Credentials(username: "alice", password: "invented")))
            .send(HTTPRequest(.get, url: server.baseURL + href))
    }

    func put(_ server: Server, _ href: String, _ body: String, type: String) throws -> HTTPResponse {
        try HTTPClient(configuration: .init(credentials: Credentials(username: "alice", password: "invented")))
            .send(
                HTTPRequest(.put, url: server.baseURL + href, headers: ["Content-Type": type], body: Array(body.utf8)))
    }

    @Test(arguments: servers)
    func aSyncsWholeLifeOnTheServer(_ name: String) throws {
        let server = try Server(name)
        defer { server.stop() }
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let provenance = Provenance(source: "test", importedAt: Date())
        for number in 1...3 { try store.save(Invented.contact(number), provenance: provenance) }
        try store.save(
            Appointment(
                id: "a1", sourceUID: "crm-a1", summary: "Visit", start: .dateTime(meeting, timeZone: "Europe/Paris"),
                end: .dateTime(meeting.addingTimeInterval(3_600), timeZone: "Europe/Paris"),
                attendees: ["person1@example.org"], owner: "alice"),
            provenance: provenance)

        // First sync, then nothing to do.
        #expect(try sync(store, server, at: meeting).map(\.created) == [3, 1], "\(name)")
        #expect(try sync(store, server, at: meeting).map { $0.created + $0.updated + $0.deleted } == [0, 0])

        // A user's own card and event in the same collections.
        let ownCard = server.contactsPath + "own-card.vcf"
        let ownEvent = server.calendarPath + "own-event.ics"
        let cardText = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:own-card\r\nFN:Own Friend\r\nN:Friend;Own;;;\r\nEND:VCARD\r\n"
        let eventText =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:own-event\r\n"
            + "DTSTAMP:20261201T000000Z\r\nDTSTART:20261203T100000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
            + "END:VCALENDAR\r\n"
        #expect(try put(server, ownCard, cardText, type: "text/vcard").isSuccess, "\(name)")
        #expect(try put(server, ownEvent, eventText, type: "text/calendar").isSuccess, "\(name)")
        let ownBefore = [try get(server, ownCard).body, try get(server, ownEvent).body]

        // An update and a delete: person 2 changes number, person 3 stops being a customer.
        var changed = Invented.contact(2)
        changed.phones[0].value = "+33 1 00 00 00 92"
        try store.save(changed, provenance: provenance)
        try store.save(Invented.contact(3, tags: ["supplier"]), provenance: provenance)
        let edits = try sync(store, server, at: meeting)
        #expect(edits[0].updated == 1 && edits[0].deleted == 1, "\(name)")
        let card2 = try #require(
            try store.copies(in: CollectionKey(destination: "phones")).first { $0.subject.rawValue == "subject-2" })
        #expect(String(decoding: try get(server, card2.remoteID).body, as: UTF8.self).contains("+33 1 00 00 00 92"))

        // Drift: someone edits person 1's card; the next sync writes Ecluse's version back.
        let card1 = try #require(
            try store.copies(in: CollectionKey(destination: "phones")).first { $0.subject.rawValue == "subject-1" })
        let edited = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:\(card1.copyUID)\r\nFN:Edited\r\nN:Edited;;;;\r\nEND:VCARD\r\n"
        #expect(try put(server, card1.remoteID, edited, type: "text/vcard").isSuccess)
        #expect(try sync(store, server, at: meeting).map(\.restored) == [1, 0], "\(name)")
        #expect(!String(decoding: try get(server, card1.remoteID).body, as: UTF8.self).contains("Edited"))

        // The deadline: the event keeps its title and loses the details.
        let event = try #require(try store.copies(in: CollectionKey(destination: "agenda")).first)
        #expect(String(decoding: try get(server, event.remoteID).body, as: UTF8.self).contains("+33 1 00 00 00 01"))
        let erased = try sync(store, server, at: meeting.addingTimeInterval(3_600 + 90 * day))
        #expect(erased.map(\.updated) == [0, 1], "\(name)")
        let after = String(decoding: try get(server, event.remoteID).body, as: UTF8.self)
        #expect(after.contains("SUMMARY:Visit") && !after.contains("+33 1 00 00 00 01"), "\(name)")

        // The user's own items were never touched.
        #expect([try get(server, ownCard).body, try get(server, ownEvent).body] == ownBefore, "\(name)")
        let entries = try store.ledgerEntries(after: 0, limit: 100)
        #expect(
            LedgerVerifier().verify(entries, head: try store.ledgerHead())
                == .intact(entries: entries.count, head: entries.last?.hash ?? ""))
    }

    /// With only the server's address (`discover`), Ecluse finds the user's home for address
    /// books and calendars and makes its own collection there.
    @Test(arguments: servers)
    func discoveryFindsTheUsersHomeAndMakesACollectionThere(_ name: String) throws {
        let server = try Server(name)
        defer { server.stop() }
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let provenance = Provenance(source: "test", importedAt: Date())
        try store.save(Invented.contact(1), provenance: provenance)
        try store.save(
            Appointment(
                id: "a1", sourceUID: "crm-a1", summary: "Visit", start: .dateTime(meeting, timeZone: nil),
                end: .dateTime(meeting.addingTimeInterval(3_600), timeZone: nil), attendees: ["person1@example.org"],
                owner: "alice"),
            provenance: provenance)
        var policy = policy(server)
        for index in policy.destinations.indices {
            policy.destinations[index].settings["url"] = nil
            policy.destinations[index].settings["discover"] = server.baseURL + "/"
            policy.destinations[index].settings["collection"] = "ecluse-\(policy.destinations[index].name)"
        }
        let connectors = ConnectorFactory(
            baseFolder: folder.url, environment: ["TEST_DAV_PASSWORD": "invented"], logger: logger)
        let engine = SyncEngine(
            store: store, policy: policy, connectors: connectors, clock: FixedClock(meeting), logger: logger)
        let report = engine.run(try engine.plan())
        #expect(report.succeeded, "\(name): \(report.collections.compactMap(\.error))")
        #expect(report.collections.map(\.created) == [1, 1], "\(name)")

        let home = name == "radicale" ? "/alice/" : "/user/"
        let locations = try store.allCopies().map(\.location).sorted()
        #expect(
            locations == [
                server.baseURL + home + (name == "radicale" ? "" : "calendars/") + "ecluse-agenda/",
                server.baseURL + home + (name == "radicale" ? "" : "contacts/") + "ecluse-phones/",
            ], "\(name)")
        for copy in try store.allCopies() {
            #expect(try get(server, copy.remoteID).status == 200, "\(name)")
        }
    }
}
