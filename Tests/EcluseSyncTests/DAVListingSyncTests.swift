import EcluseConnectors
import EcluseCore
import EcluseLedger
import EcluseLogging
import EcluseStore
import EcluseSync
import EcluseTesting
import Foundation
import Testing

/// Whole syncs over the cheapest listing each server allows, counting the requests they send:
/// RFC 6578 sync-collection on Radicale (through a counting proxy), a collection tag and plain
/// PROPFIND on the mock, and items read back in bulk when only their etag moved.
@Suite struct DAVListingSyncTests {
    static let alice = Credentials(username: "alice", password: "invented-secret")
    static let key = CollectionKey(destination: "phones")
    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())

    /// A Radicale with alice, behind a proxy that only counts the requests it passes.
    static func radicaleBehindAProxy() throws -> (Radicale, FaultProxy) {
        let radicale = try Radicale(authentication: .htpasswd(alice))
        do {
            return (radicale, try FaultProxy(upstream: radicale.baseURL, every: 1_000_000, faults: [.slow]))
        } catch {
            radicale.stop()
            throw error
        }
    }

    /// Runs `body` with a Radicale behind a counting proxy and alice's address book's URL
    /// through the proxy, then stops both.
    func onRadicale(_ body: (Radicale, FaultProxy, String) throws -> Void) throws {
        let (radicale, proxy) = try Self.radicaleBehindAProxy()
        defer {
            proxy.stop()
            radicale.stop()
        }
        try body(radicale, proxy, proxy.url("alice/contacts/"))
    }

    func policy(url: String, onDrift: DriftPolicy) -> Policy {
        Policy(
            purposes: [Purpose(name: "work", legalBasis: .legitimateInterest)],
            destinations: [
                Destination(
                    name: "phones", kind: .carddav,
                    settings: ["url": url, "username": "alice", "password-env": "TEST_DAV_PASSWORD"], onDrift: onDrift)
            ],
            rules: [
                Rule(
                    purpose: "work", destination: "phones",
                    fields: FieldSet(["name", "phone.work"].compactMap(FieldPath.init(parsing:))))
            ],
            version: "policy-v1")
    }

    func store(contacts: Int) throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let provenance = Provenance(source: "test", importedAt: Date())
        for number in 1...contacts { try store.save(Invented.contact(number), provenance: provenance) }
        return store
    }

    func sync(_ store: SQLiteStore, url: String, onDrift: DriftPolicy = .restore) throws -> CollectionReport {
        let connectors = ConnectorFactory(
            baseFolder: folder.url, environment: ["TEST_DAV_PASSWORD": Self.alice.password], logger: logger)
        let engine = SyncEngine(
            store: store, policy: policy(url: url, onDrift: onDrift), connectors: connectors, logger: logger)
        let report = engine.run(try engine.plan())
        #expect(report.succeeded, "\(report.collections.compactMap(\.error))")
        return try #require(report.collections.first)
    }

    /// The requests `body` made `server` answer.
    func requests(_ log: () -> [LoggedRequest], during body: () throws -> Void) rethrows -> [LoggedRequest] {
        let before = log().count
        try body()
        return Array(log().dropFirst(before))
    }

    func put(_ card: String, at url: String) throws {
        let client = try HTTPClient(configuration: .init(credentials: Self.alice))
        let answer = try client.send(
            HTTPRequest(.put, url: url, headers: ["Content-Type": "text/vcard"], body: Array(card.utf8)))
        #expect(answer.isSuccess)
    }

    func edited(_ copy: CopyRecord) -> String {
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:\(copy.copyUID)\r\nFN:Edited\r\nN:Edited;;;;\r\nEND:VCARD\r\n"
    }

    // MARK: - Radicale: sync-collection

    @Test func aNoChangeSyncWithATokenSendsOneReportAndNoMemberListing() throws {
        try onRadicale { radicale, proxy, url in
            let store = try store(contacts: 3)
            #expect(try sync(store, url: url).created == 3)
            _ = try sync(store, url: url)
            let token = try #require(try store.listingState(of: Self.key, at: url))
            #expect(token.hasPrefix("sync-token "))

            var report = CollectionReport(collection: Self.key)
            let sent = try requests(proxy.requests) { report = try sync(store, url: url) }

            #expect(report.updated == 0 && report.created == 0)
            #expect(
                sent.map(\.description) == [
                    "PROPFIND depth=0 report=- hrefs=0", "REPORT depth=0 report=sync-collection hrefs=0",
                ])
            #expect(try store.listingState(of: Self.key, at: url)?.hasPrefix("sync-token ") == true)
        }
    }

    @Test(arguments: [DriftPolicy.restore, .report])
    func driftBehindEclusesBackIsFoundThroughTheToken(_ onDrift: DriftPolicy) throws {
        try onRadicale { radicale, proxy, url in
            let store = try store(contacts: 3)
            _ = try sync(store, url: url, onDrift: onDrift)
            _ = try sync(store, url: url, onDrift: onDrift)
            let copies = try store.copies(in: Self.key)
            try put(edited(copies[0]), at: radicale.baseURL + copies[0].remoteID)
            let client = try HTTPClient(configuration: .init(credentials: Self.alice))
            #expect(try client.send(HTTPRequest(.delete, url: radicale.baseURL + copies[1].remoteID)).isSuccess)

            var report = CollectionReport(collection: Self.key)
            let sent = try requests(proxy.requests) { report = try sync(store, url: url, onDrift: onDrift) }

            #expect(sent.filter(\.listsMembers).isEmpty)
            #expect(sent.filter { $0.report == "sync-collection" }.count == 1)
            // The edited card is read back before it counts as changed; the removed one cannot be.
            #expect(sent.filter { $0.report == "addressbook-multiget" }.map(\.hrefs) == [1])
            switch onDrift {
            case .restore: #expect(report.restored == 2 && report.driftReported == 0)
            case .report: #expect(report.restored == 0 && report.driftReported == 2 && report.updated == 0)
            }
            // Ecluse's own writes since the token come back as changes with the etags it recorded.
            let next = try sync(store, url: url, onDrift: onDrift)
            #expect(next.restored == 0 && next.driftReported == 0 && next.updated == 0 && next.created == 0)
        }
    }

    @Test func ecluseOwnUpdatesAfterTheTokenAreNotDrift() throws {
        let radicale = try Radicale(authentication: .htpasswd(Self.alice))
        defer { radicale.stop() }
        let url = radicale.url("alice/contacts/")
        let store = try store(contacts: 3)
        _ = try sync(store, url: url, onDrift: .report)
        _ = try sync(store, url: url, onDrift: .report)
        var changed = Invented.contact(2)
        changed.phones[0].value = "+33 1 00 00 00 92"
        try store.save(changed, provenance: Provenance(source: "test", importedAt: Date()))
        #expect(try sync(store, url: url, onDrift: .report).updated == 1)

        let next = try sync(store, url: url, onDrift: .report)

        #expect(next.driftReported == 0 && next.updated == 0)
        #expect(try store.ledgerEntries(after: 0, limit: 100).filter { $0.action == .driftReported }.isEmpty)
    }

    @Test func aGarbageTokenFallsBackToAFullListingAndStillFindsDrift() throws {
        try onRadicale { radicale, proxy, url in
            let store = try store(contacts: 3)
            _ = try sync(store, url: url)
            _ = try sync(store, url: url)
            try store.setListingState(
                "sync-token http://radicale.org/ns/sync/garbage", of: Self.key, at: url, now: Date())
            let copies = try store.copies(in: Self.key)
            try put(edited(copies[2]), at: radicale.baseURL + copies[2].remoteID)

            var report = CollectionReport(collection: Self.key)
            let sent = try requests(proxy.requests) { report = try sync(store, url: url) }

            #expect(report.restored == 1 && report.error == nil && report.driftUnchecked == nil)
            #expect(sent.filter { $0.report == "sync-collection" }.count == 2)
            // A run that wrote keeps no state; the next one lists in full and keeps a fresh token.
            #expect(try store.listingState(of: Self.key, at: url) == nil)
            #expect(try sync(store, url: url).restored == 0)
            let kept = try #require(try store.listingState(of: Self.key, at: url))
            #expect(kept.hasPrefix("sync-token ") && !kept.contains("garbage"))
        }
    }

    /// A collection someone removed at the server holds nothing: its copies are restored into
    /// the collection made again, as a removed vdir folder is.
    @Test func aCollectionRemovedAtTheServerIsMadeAgainAndRefilled() throws {
        try onRadicale { radicale, proxy, url in
            let store = try store(contacts: 3)
            #expect(try sync(store, url: url).created == 3)
            _ = try sync(store, url: url)
            let client = try HTTPClient(configuration: .init(credentials: Self.alice))
            #expect(try client.send(HTTPRequest(.delete, url: radicale.baseURL + "/alice/contacts/")).isSuccess)

            let report = try sync(store, url: url)
            #expect(report.restored == 3 && report.driftUnchecked == nil)
            let listing = try client.send(
                HTTPRequest(
                    .propfind, url: radicale.baseURL + "/alice/contacts/", headers: ["Depth": "1"],
                    body: Array(
                        #"<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>"#
                            .utf8)
                ))
            #expect(listing.status == 207)
            #expect(String(decoding: listing.body, as: UTF8.self).components(separatedBy: ".vcf").count - 1 == 3)
            #expect(try sync(store, url: url).restored == 0)
        }
    }

    /// Radicale gives every empty collection the same token. A state read from an empty
    /// collection and kept after the run filled it would make a collection deleted and made
    /// again empty look unchanged, with none of its copies there.
    @Test func aCollectionDeletedAndMadeAgainEmptyIsRefilledEveryTime() throws {
        try onRadicale { radicale, proxy, url in
            let store = try store(contacts: 3)
            #expect(try sync(store, url: url).created == 3)
            _ = try sync(store, url: url)
            let client = try HTTPClient(configuration: .init(credentials: Self.alice))
            func emptyTheCollection() throws {
                let book = radicale.baseURL + "/alice/contacts/"
                #expect(try client.send(HTTPRequest(.delete, url: book)).isSuccess)
                let body = """
                    <?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" \
                    xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/>\
                    <c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>
                    """
                let made = try client.send(
                    HTTPRequest(.mkcol, url: book, headers: ["Content-Type": "application/xml"], body: Array(body.utf8))
                )
                #expect(made.isSuccess)
            }
            // Emptied twice in a row: the second time, the last state read was the empty one.
            for round in 1...2 {
                try emptyTheCollection()
                #expect(try sync(store, url: url).restored == 3, "round \(round)")
            }
            #expect(try sync(store, url: url).restored == 0)
        }
    }

    // MARK: - The mock: a collection tag, plain PROPFIND, moved etags

    @Test func withoutSyncCollectionAnUnchangedCtagListsNothing() throws {
        let mock = try DAVMock(.init(ctag: true))
        defer { mock.stop() }
        let url = mock.url("alice/contacts/")
        let store = try store(contacts: 3)
        _ = try sync(store, url: url)
        let second = try requests(mock.requests) { _ = try sync(store, url: url) }
        #expect(second.filter(\.listsMembers).count == 1)

        let third = try requests(mock.requests) { _ = try sync(store, url: url) }
        #expect(third.map(\.description) == ["PROPFIND depth=0 report=- hrefs=0"])

        let copy = try #require(try store.copies(in: Self.key).first)
        try put(edited(copy), at: mock.baseURL + copy.remoteID)
        var report = CollectionReport(collection: Self.key)
        let fourth = try requests(mock.requests) { report = try sync(store, url: url) }
        #expect(fourth.filter(\.listsMembers).count == 1 && report.restored == 1)
    }

    @Test func withNeitherEverySyncListsTheMembers() throws {
        let mock = try DAVMock(.init())
        defer { mock.stop() }
        let url = mock.url("alice/contacts/")
        let store = try store(contacts: 3)
        _ = try sync(store, url: url)
        for _ in 1...2 {
            let sent = try requests(mock.requests) { _ = try sync(store, url: url) }
            #expect(sent.filter(\.listsMembers).count == 1)
        }
        #expect(try store.listingState(of: Self.key, at: url) == nil)
    }

    @Test(arguments: [DriftPolicy.restore, .report])
    func anEtagMovedWithoutAChangeIsNoDriftButAChangeIs(_ onDrift: DriftPolicy) throws {
        let mock = try DAVMock(.init(syncCollection: true, rewrites: true))
        defer { mock.stop() }
        let url = mock.url("alice/contacts/")
        let store = try store(contacts: 120)
        #expect(try sync(store, url: url, onDrift: onDrift).created == 120)
        _ = try sync(store, url: url, onDrift: onDrift)
        let before = try store.copies(in: Self.key)
        let client = try HTTPClient(configuration: .init())
        for copy in before {
            #expect(try client.send(HTTPRequest(.post, url: mock.retagURL(copy.remoteID))).isSuccess)
        }

        var report = CollectionReport(collection: Self.key)
        let sent = try requests(mock.requests) { report = try sync(store, url: url, onDrift: onDrift) }

        #expect(report.updated == 0 && report.driftReported == 0)
        #expect(sent.filter { $0.report == "addressbook-multiget" }.map(\.hrefs) == [50, 50, 20])
        #expect(sent.filter { $0.method == "PUT" }.isEmpty)
        let after = try store.copies(in: Self.key)
        #expect(zip(before, after).allSatisfy { $0.etag != $1.etag })
        #expect(try store.ledgerEntries(after: 0, limit: 1_000).count == 120)

        try put(edited(after[0]), at: mock.baseURL + after[0].remoteID)
        let changed = try sync(store, url: url, onDrift: onDrift)
        #expect(onDrift == .restore ? changed.restored == 1 : changed.driftReported == 1)
    }
}
