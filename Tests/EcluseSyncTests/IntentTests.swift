import EcluseConnectors
import EcluseCore
import EcluseLedger
import EcluseLogging
import EcluseStore
import EcluseSync
import EcluseTesting
import Foundation
import Testing

/// A run that dies after its operations reached the destination but before their outcomes were
/// recorded leaves intents; the next run finds what landed and puts it in the ledger.
@Suite struct IntentTests {
    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())

    /// When a killed process dies: after a batch reached the destination but before any
    /// outcome reached the store, or after a group's intents were recorded but before its
    /// first request.
    enum Death { case afterApplying, beforeApplying }

    /// Connectors that die as a killed process would.
    final class Dying: ConnectorProvider {
        let real: ConnectorFactory
        let death: Death
        init(_ real: ConnectorFactory, _ death: Death) {
            self.real = real
            self.death = death
        }

        func location(of destination: Destination, collection: CollectionKey) throws -> String {
            try real.location(of: destination, collection: collection)
        }

        func connector(for destination: Destination, collection: CollectionKey, at location: String) throws
            -> any Connector
        {
            DyingConnector(try real.connector(for: destination, collection: collection, at: location), death)
        }

        final class DyingConnector: Connector {
            let inner: any Connector
            let death: Death
            init(_ inner: any Connector, _ death: Death) {
                self.inner = inner
                self.death = death
            }
            var collection: CollectionKey { inner.collection }
            var preferredBatchSize: Int { inner.preferredBatchSize }
            func prepare() throws { try inner.prepare() }
            func listItems() throws -> [RemoteItem] { try inner.listItems() }
            func contents(of remoteIDs: [String]) throws -> [ItemContent] { try inner.contents(of: remoteIDs) }
            func apply(_ operations: [PlannedOperation]) throws -> [OperationOutcome] {
                if death == .afterApplying { _ = try inner.apply(operations) }
                throw ConnectorError(.unreachable, destination: collection.description, message: "the process died")
            }
        }
    }

    let policy = Policy(
        purposes: [Purpose(name: "directory", legalBasis: .contract)],
        destinations: [Destination(name: "team", kind: .vdir, settings: ["path": "out"])],
        rules: [
            Rule(
                purpose: "directory", destination: "team", subjects: SubjectSelector(tagsAny: ["customer"]),
                fields: FieldSet(["name", "phone.work"].compactMap(FieldPath.init(parsing:))))
        ],
        version: "policy-v1")

    func engine(_ store: SQLiteStore, dying death: Death? = nil) -> SyncEngine {
        let factory = ConnectorFactory(baseFolder: folder.url, environment: [:], logger: logger)
        return SyncEngine(
            store: store, policy: policy,
            connectors: death.map { Dying(factory, $0) as any ConnectorProvider } ?? factory, logger: logger)
    }

    @Test func writesThatLandedBeforeTheCrashAreLedgeredByTheNextRun() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let provenance = Provenance(source: "test", importedAt: Date())
        for number in 1...5 { try store.save(Invented.contact(number), provenance: provenance) }

        let dying = engine(store, dying: .afterApplying)
        #expect(!dying.run(try dying.plan()).succeeded)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("out"))
        #expect(files.count == 5)
        #expect(try store.allCopies().isEmpty)
        #expect(try store.intents().count == 5)

        let next = engine(store)
        #expect(try next.reconcileIntents() == 5)
        #expect(try store.intents().isEmpty)
        #expect(try store.allCopies().count == 5)
        #expect(try next.plan().allSatisfy { $0.operations.isEmpty })
        let entries = try store.ledgerEntries(after: 0, limit: 20)
        #expect(entries.map(\.action) == Array(repeating: .copyCreated, count: 5))
        #expect(
            LedgerVerifier().verify(entries, head: try store.ledgerHead()) == .intact(entries: 5, head: entries[4].hash)
        )

        // A delete that landed before a crash is found the same way. An update that landed is
        // not taken on its tag alone: the next run reads the item back, finds what it meant to
        // write, and sends and ledgers the update once.
        var changed = Invented.contact(1)
        changed.phones[0].value = "+33 1 00 00 00 91"
        try store.save(changed, provenance: provenance)
        try store.save(Invented.contact(2, tags: ["supplier"]), provenance: provenance)
        let dyingAgain = engine(store, dying: .afterApplying)
        #expect(!dyingAgain.run(try dyingAgain.plan()).succeeded)
        let after = engine(store)
        #expect(try after.reconcileIntents() == 1)
        #expect(try store.ledgerEntries(after: 5, limit: 20).map(\.action) == [.copyDeleted])
        let report = after.run(try after.plan())
        #expect(report.collections.map(\.updated) == [1])
        #expect(try store.ledgerEntries(after: 5, limit: 20).map(\.action) == [.copyDeleted, .copyUpdated])
        #expect(try store.ledgerEntries(after: 0, limit: 20).filter { $0.action == .driftReported }.isEmpty)
        #expect(try after.plan().allSatisfy { $0.operations.isEmpty })
    }

    /// A restore of someone else's change that was never sent must not be ledgered as done:
    /// the next run restores the item.
    @Test func aRestoreThatNeverLeftIsNotTakenForDone() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let provenance = Provenance(source: "test", importedAt: Date())
        for number in 1...3 { try store.save(Invented.contact(number), provenance: provenance) }
        let first = engine(store)
        #expect(first.run(try first.plan()).collections.map(\.created) == [3])

        // Someone edits every card at the destination; a run plans the restores, records their
        // intents, and dies before sending any.
        let out = folder.file("out")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".vcf") }
        for name in names {
            let path = out + "/" + name
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "FN:", with: "FN:Edited ").write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        let dying = engine(store, dying: .beforeApplying)
        let plans = try dying.plan()
        #expect(plans.flatMap(\.operations).count == 3)
        #expect(!dying.run(plans).succeeded)
        #expect(try store.intents().count == 3)

        let next = engine(store)
        #expect(try next.reconcileIntents() == 0)
        let report = next.run(try next.plan())
        #expect(report.collections.map(\.updated) == [3])
        for name in names {
            #expect(!(try String(contentsOfFile: out + "/" + name, encoding: .utf8)).contains("Edited"))
        }
        #expect(try next.plan().allSatisfy { $0.operations.isEmpty })
    }

    @Test func operationsThatNeverLeftArePlannedAgainNotLedgered() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        try store.save(Invented.contact(1), provenance: Provenance(source: "test", importedAt: Date()))
        let copy = DesiredCopy(
            collection: CollectionKey(destination: "team"), subject: SubjectID("subject-1"),
            content: Invented.contact(1), fields: FieldSet.none)
        try store.recordIntents([Intent(.create(copy), location: folder.file("out"), at: Date())])
        try FileManager.default.createDirectory(atPath: folder.file("out"), withIntermediateDirectories: true)

        let next = engine(store)
        #expect(try next.reconcileIntents() == 0)
        #expect(try store.intents().isEmpty)
        #expect(try store.ledgerEntries(after: 0, limit: 5).isEmpty)
        #expect(next.run(try next.plan()).collections.map(\.created) == [1])
    }
}
