import EcluseConnectors
import EcluseCore
import EcluseLedger
import EcluseLogging
import EcluseStore
import EcluseSync
import EcluseTesting
import Foundation
import Testing

/// Drift on a real Radicale: a card and an event changed and removed by another client are
/// written back on the next sync, and the ledger says so.
@Suite struct DAVDriftTests {
    static let alice = Credentials(username: "alice", password: "invented-secret")
    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())

    func policy(_ radicale: Radicale) -> Policy {
        let login = ["username": "{user}", "password-env": "TEST_DAV_PASSWORD"]
        return Policy(
            purposes: [Purpose(name: "work", legalBasis: .legitimateInterest)],
            destinations: [
                Destination(
                    name: "phones", kind: .carddav, scope: .perUser,
                    settings: login.merging(["url": radicale.url("{user}/contacts/")]) { a, _ in a }),
                Destination(
                    name: "agenda", kind: .caldav, scope: .perUser,
                    settings: login.merging(["url": radicale.url("{user}/agenda/")]) { a, _ in a }),
            ],
            rules: [
                Rule(
                    purpose: "work", destination: "phones",
                    fields: FieldSet(["name", "phone.work"].compactMap(FieldPath.init(parsing:)))),
                Rule(
                    purpose: "work", destination: "agenda",
                    fields: FieldSet(["name", "phone.work"].compactMap(FieldPath.init(parsing:))),
                    eraseDetails: Period(days: 90)),
            ],
            version: "policy-v1")
    }

    func sync(_ store: SQLiteStore, _ radicale: Radicale, at now: Date) throws -> [CollectionReport] {
        let connectors = ConnectorFactory(
            baseFolder: folder.url, environment: ["TEST_DAV_PASSWORD": Self.alice.password], logger: logger)
        let engine = SyncEngine(
            store: store, policy: policy(radicale), connectors: connectors, clock: FixedClock(now), logger: logger)
        let report = engine.run(try engine.plan())
        #expect(report.succeeded, "\(report.collections.compactMap(\.error))")
        return report.collections
    }

    @Test func cardsAndEventsChangedOrRemovedByAnotherClientAreWrittenBack() throws {
        let radicale = try Radicale(authentication: .htpasswd(Self.alice))
        defer { radicale.stop() }
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let provenance = Provenance(source: "test", importedAt: Date())
        for number in 1...2 { try store.save(Invented.contact(number), provenance: provenance) }
        try store.save(User(login: "alice"))
        let now = Date(timeIntervalSince1970: 1_796_115_600)
        for id in ["a1", "a2"] {
            try store.save(
                Appointment(
                    id: id, sourceUID: "crm-\(id)", summary: "Visit", start: .dateTime(now, timeZone: nil),
                    end: .dateTime(now.addingTimeInterval(3_600), timeZone: nil), attendees: ["person1@example.org"],
                    owner: "alice"),
                provenance: provenance)
        }
        #expect(try sync(store, radicale, at: now).map(\.created) == [2, 2])

        let client = try HTTPClient(configuration: .init(credentials: Self.alice))
        let copies = try store.allCopies().sorted { ($0.collection, $0.remoteID) < ($1.collection, $1.remoteID) }
        let cards = copies.filter { $0.collection.destination == "phones" }
        let events = copies.filter { $0.collection.destination == "agenda" }
        // Another client edits a card and an event, and removes one of each.
        let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:\(cards[0].copyUID)\r\nFN:Edited\r\nN:Edited;;;;\r\nEND:VCARD\r\n"
        let event =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\nUID:\(events[0].copyUID)\r\n"
            + "DTSTAMP:20261201T000000Z\r\nDTSTART:20261201T080000Z\r\nSUMMARY:Edited\r\nEND:VEVENT\r\n"
            + "END:VCALENDAR\r\n"
        for (href, body, type) in [
            (cards[0].remoteID, card, "text/vcard"), (events[0].remoteID, event, "text/calendar"),
        ] {
            let put = try client.send(
                HTTPRequest(.put, url: radicale.baseURL + href, headers: ["Content-Type": type], body: Array(body.utf8))
            )
            #expect(put.isSuccess)
        }
        for href in [cards[1].remoteID, events[1].remoteID] {
            #expect(try client.send(HTTPRequest(.delete, url: radicale.baseURL + href)).isSuccess)
        }

        let reports = try sync(store, radicale, at: now)
        #expect(reports.map(\.restored) == [2, 2] && reports.map(\.created) == [0, 0])
        for copy in copies {
            let body = try client.send(HTTPRequest(.get, url: radicale.baseURL + copy.remoteID)).body
            #expect(!String(decoding: body, as: UTF8.self).contains("Edited"))
            #expect(String(decoding: body, as: UTF8.self).contains(copy.copyUID))
        }
        let actions = try store.ledgerEntries(after: 0, limit: 100).map(\.action)
        #expect(actions.filter { $0 == .copyRestored }.count == 4)
        #expect(try sync(store, radicale, at: now).map(\.updated) == [0, 0])
    }
}
