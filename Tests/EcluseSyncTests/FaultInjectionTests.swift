import EcluseConnectors
import EcluseCore
import EcluseLogging
import EcluseStore
import EcluseSync
import EcluseTesting
import Foundation
import Testing

/// A sync to a real Radicale through a proxy that breaks one request in three: errors with and
/// without `Retry-After`, dropped connections, answers lost after the server wrote the card,
/// requests stalled past the client's timeout.
/// The retries and the etag preconditions must still leave each card exactly once.
@Suite struct FaultInjectionTests {
    @Test func aSyncThroughAFaultyProxyLeavesEveryCardOnceAndNothingToDo() throws {
        let radicale = try Radicale()
        defer { radicale.stop() }
        let proxy = try FaultProxy(upstream: radicale.baseURL, every: 3)
        defer { proxy.stop() }
        let folder = TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        for number in 1...24 {
            try store.save(Invented.contact(number), provenance: Provenance(source: "test", importedAt: Date()))
        }
        let logger = Logger(label: "test", sink: .capturing())
        let fields = FieldSet(["name", "organisation", "email.work"].compactMap(FieldPath.init(parsing:)))
        func policy(_ url: String) -> Policy {
            Policy(
                purposes: [Purpose(name: "directory", legalBasis: .contract)],
                destinations: [
                    Destination(
                        name: "book", kind: .carddav,
                        // A 2 s timeout, so that the proxy's 3 s stall makes the client give up.
                        settings: ["url": url, "username": "team", "password": "invented", "timeout": "2"])
                ],
                rules: [Rule(purpose: "directory", destination: "book", fields: fields)], version: "v1")
        }
        let path = "team/book/"
        let through = ConnectorFactory(baseFolder: folder.url, environment: [:], logger: logger)
        let engine = SyncEngine(store: store, policy: policy(proxy.url(path)), connectors: through, logger: logger)

        let first = engine.run(try engine.plan())
        // Half of the cards change: updates go through the faults too.
        for number in 1...24 where number.isMultiple(of: 2) {
            var contact = Invented.contact(number)
            contact.organisation = Organisation(name: "Changed Example \(number)")
            try store.save(contact, provenance: Provenance(source: "test", importedAt: Date()))
        }
        let second = engine.run(try engine.plan())

        let listed = try through.connector(
            for: policy(radicale.url(path)).destinations[0], collection: CollectionKey(destination: "book")
        ).listItems()
        let counts = proxy.counts()
        let remaining = try engine.plan().reduce(0) { $0 + $1.operations.count }

        #expect(first.succeeded, "\(first.collections.flatMap(\.failures))")
        #expect(first.collections.first?.created == 24)
        #expect(second.succeeded, "\(second.collections.flatMap(\.failures))")
        #expect(second.collections.first?.updated == 12)
        #expect(listed.count == 24)
        #expect(remaining == 0)
        #expect(try store.ledgerEntries(after: 0, limit: 1000).count == 36)
        for fault in FaultProxy.Fault.allCases {
            #expect((counts[fault] ?? 0) > 0, "no request got \(fault)")
        }
    }
}
