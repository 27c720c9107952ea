import EcluseConnectors
import EcluseCore
import EcluseTesting
import Foundation
import Testing

/// The DAV connector's incremental listing and bulk reads over HTTP: Radicale for the real
/// sync-collection, the mock for truncated answers, a refused empty token and multiget chunks.
@Suite("DAV incremental listing and multiget")
struct DAVIncrementalListingTests {
    static let key = CollectionKey(destination: "phones", user: "alice")
    static let alice = Credentials(username: "alice", password: "invented")

    static func copy(_ number: Int) -> DesiredCopy {
        DesiredCopy(
            collection: key, subject: SubjectID("subject-\(number)"), content: Invented.contact(number),
            fields: FieldSet.none)
    }

    /// A prepared connector on `alice/contacts/` at `baseURL`, with `count` items written.
    static func filled(_ url: String, count: Int) throws -> (DAVConnector, [RemoteItem]) {
        // Radicale makes a user's home on their first request, which needs a login.
        let connector = try DAVConnector(collection: key, collectionURL: url, credentials: alice)
        try connector.prepare()
        let outcomes = try connector.apply((1...count).map { .create(copy($0)) })
        let items = outcomes.compactMap { outcome -> RemoteItem? in
            guard case .written(let remoteID, let etag) = outcome else { return nil }
            return RemoteItem(remoteID: remoteID, etag: etag)
        }
        #expect(items.count == count)
        return (connector, items)
    }

    @Test("Radicale: the token lists only changes, and a garbage token gives a full listing and a fresh token")
    func radicaleTokens() throws {
        let radicale = try Radicale()
        defer { radicale.stop() }
        let (connector, items) = try Self.filled(radicale.url("alice/contacts/"), count: 3)

        let first = try connector.listItems(known: items, since: nil)
        #expect(Set(first.items) == Set(items))
        let token = try #require(first.state)
        #expect(token.hasPrefix("sync-token "))

        // Another client removes one item and rewrites another.
        let client = try HTTPClient(configuration: .init(credentials: Self.alice))
        #expect(try client.send(HTTPRequest(.delete, url: radicale.baseURL + items[0].remoteID)).isSuccess)
        let uid = Self.copy(2).copyUID
        let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:\(uid)\r\nFN:Edited\r\nN:Edited;;;;\r\nEND:VCARD\r\n"
        let put = try client.send(
            HTTPRequest(
                .put, url: radicale.baseURL + items[1].remoteID, headers: ["Content-Type": "text/vcard"],
                body: Array(card.utf8)))
        #expect(put.isSuccess)

        let changed = try connector.listItems(known: items, since: token)
        #expect(changed.items.map(\.remoteID) == [items[1].remoteID, items[2].remoteID].sorted())
        #expect(changed.items.first { $0.remoteID == items[1].remoteID }?.etag == put.headers["ETag"])
        #expect(changed.items.first { $0.remoteID == items[2].remoteID }?.etag == items[2].etag)
        #expect(changed.state != token)

        let garbage = try connector.listItems(known: items, since: "sync-token http://radicale.org/ns/sync/garbage")
        #expect(garbage.items == changed.items)
        #expect(garbage.state == changed.state)
    }

    @Test("Mock: a truncated answer (507) is followed with its token until complete")
    func truncatedAnswers() throws {
        let mock = try DAVMock(.init(syncCollection: true, syncPage: 2))
        defer { mock.stop() }
        let (connector, items) = try Self.filled(mock.url("alice/contacts/"), count: 5)
        let before = mock.requests().count

        let listing = try connector.listItems(known: [], since: nil)

        #expect(Set(listing.items) == Set(items))
        let reports = mock.requests().dropFirst(before).filter { $0.report == "sync-collection" }
        #expect(reports.count == 3)
        #expect(mock.requests().dropFirst(before).filter(\.listsMembers).isEmpty)
    }

    @Test("Mock: a server that refuses an empty token is listed with PROPFIND, then asked with the token")
    func refusedEmptyToken() throws {
        let mock = try DAVMock(.init(syncCollection: true, refusesEmptyToken: true))
        defer { mock.stop() }
        let (connector, items) = try Self.filled(mock.url("alice/contacts/"), count: 2)
        var mark = mock.requests().count

        let first = try connector.listItems(known: items, since: nil)
        #expect(Set(first.items) == Set(items))
        #expect(mock.requests().dropFirst(mark).map(\.description).contains("PROPFIND depth=1 report=- hrefs=0"))
        mark = mock.requests().count

        let second = try connector.listItems(known: items, since: first.state)
        #expect(second.items == first.items)
        #expect(mock.requests().dropFirst(mark).filter(\.listsMembers).isEmpty)
    }

    @Test("Mock: a server's error body naming valid-sync-token gives a full listing, not an error")
    func invalidTokenOnTheMock() throws {
        let mock = try DAVMock(.init(syncCollection: true))
        defer { mock.stop() }
        let (connector, items) = try Self.filled(mock.url("alice/contacts/"), count: 2)

        let listing = try connector.listItems(known: items, since: "sync-token nonsense")

        #expect(Set(listing.items) == Set(items))
        #expect(listing.state == "sync-token http://example.org/mock/sync/2")
    }

    @Test("Multiget asks 121 hrefs (one gone) in REPORTs of 50, 50 and 21, and gives the 120 found")
    func multigetChunks() throws {
        let mock = try DAVMock(.init())
        defer { mock.stop() }
        let (connector, items) = try Self.filled(mock.url("alice/contacts/"), count: 120)
        let before = mock.requests().count

        let contents = try connector.contents(of: items.map(\.remoteID) + ["/alice/contacts/gone.vcf"])

        #expect(contents.count == 120)
        let reports = mock.requests().dropFirst(before).filter { $0.report == "addressbook-multiget" }
        #expect(reports.map(\.hrefs) == [50, 50, 21])
        let format = ItemFormat(.contacts)
        let first = try #require(contents.first { $0.remoteID == items[0].remoteID })
        #expect(format.holdsSameContent(first.bytes, as: Self.copy(1)))
        #expect(first.etag == items[0].etag)
    }

    @Test("Multiget refuses an href outside the collection without sending anything")
    func multigetOutside() throws {
        let mock = try DAVMock(.init())
        defer { mock.stop() }
        let (connector, _) = try Self.filled(mock.url("alice/contacts/"), count: 1)
        let before = mock.requests().count

        #expect(throws: ConnectorError.self) { try connector.contents(of: ["/bob/contacts/x.vcf"]) }
        #expect(mock.requests().count == before)
    }
}
