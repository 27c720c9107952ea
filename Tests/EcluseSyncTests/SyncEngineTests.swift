import EcluseConnectors
import EcluseCore
import EcluseLedger
import EcluseLogging
import EcluseStore
import EcluseSync
import EcluseTesting
import Foundation
import Testing

@Suite struct SyncEngineTests {
    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())
    let fields = ["name", "organisation", "phone.work", "email.work"]

    func policy(
        scope: DestinationScope = .shared, owner: OwnerSelector = .any, keep: KeepRule = .whileSelected
    ) -> Policy {
        Policy(
            purposes: [Purpose(name: "directory", legalBasis: .contract)],
            destinations: [Destination(name: "team", kind: .vdir, scope: scope, settings: ["path": "out"])],
            rules: [
                Rule(
                    purpose: "directory", destination: "team",
                    subjects: SubjectSelector(owner: owner, tagsAny: ["customer"]),
                    fields: FieldSet(fields.compactMap(FieldPath.init(parsing:))), keep: keep)
            ],
            version: "policy-v1")
    }

    /// A store holding invented contacts 1...count, owned in turn by alice and bruno.
    func store(_ count: Int) throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        for number in 1...count {
            try store.save(
                Invented.contact(number, owner: number.isMultiple(of: 2) ? "bruno" : "alice"),
                provenance: Provenance(source: "test", importedAt: Date()))
        }
        try store.save(User(login: "alice"))
        try store.save(User(login: "bruno"))
        return store
    }

    final class Fakes: ConnectorProvider {
        var connectors: [CollectionKey: InMemoryConnector] = [:]

        func location(of destination: Destination, collection: CollectionKey) -> String { "memory:\(collection)" }

        func connector(for destination: Destination, collection key: CollectionKey, at location: String)
            -> any Connector
        {
            if let existing = connectors[key] { return existing }
            let connector = InMemoryConnector(collection: key)
            connectors[key] = connector
            return connector
        }
    }

    @Test func aFirstSyncCreatesEveryCopyAndASecondDoesNothing() throws {
        let store = try store(20)
        let fakes = Fakes()
        let engine = SyncEngine(store: store, policy: policy(), connectors: fakes, logger: logger)

        let first = engine.run(try engine.plan())
        #expect(first.succeeded)
        #expect(first.collections.map(\.created) == [20])
        #expect(try engine.plan().allSatisfy { $0.operations.isEmpty })
        let second = engine.run(try engine.plan())
        #expect(second.collections.map(\.created) == [0])
        #expect(fakes.connectors[CollectionKey(destination: "team")]?.writes == 20)
        #expect(try store.ledgerEntries(after: 0, limit: 100).count == 20)
    }

    /// `ecluse run` wakes at the plan's next deadline: here the end of a 30-day kept period,
    /// counted from when the copies were made.
    @Test func theNextDeadlineIsTheEndOfTheKeptPeriod() throws {
        let store = try store(2)
        let made = Date(timeIntervalSince1970: 1_790_000_000)
        let first = SyncEngine(
            store: store, policy: policy(keep: .period(Period(days: 30))), connectors: Fakes(),
            clock: FixedClock(made), logger: logger)
        _ = first.run(try first.plan())
        #expect(first.nextDeadline == nil)

        let later = SyncEngine(
            store: store, policy: policy(keep: .period(Period(days: 30))), connectors: Fakes(),
            clock: FixedClock(made.addingTimeInterval(86_400)), logger: logger)
        _ = try later.plan()
        #expect(later.nextDeadline == made.addingTimeInterval(30 * 86_400))

        let after = SyncEngine(
            store: store, policy: policy(keep: .period(Period(days: 30))), connectors: Fakes(),
            clock: FixedClock(made.addingTimeInterval(31 * 86_400)), logger: logger)
        _ = try after.plan()
        #expect(after.nextDeadline == nil)
    }

    @Test func everyLedgerEntryNamesThePolicyVersionAndAPseudonym() throws {
        let store = try store(3)
        let engine = SyncEngine(store: store, policy: policy(), connectors: Fakes(), logger: logger)
        _ = engine.run(try engine.plan())
        let entries = try store.ledgerEntries(after: 0, limit: 10)
        #expect(entries.count == 3)
        for entry in entries {
            #expect(entry.policyVersion == "policy-v1")
            #expect(entry.subject.hasPrefix("s-") && !entry.subject.contains("subject"))
            #expect(entry.fields == ["email.work", "name", "organisation", "phone.work"])
        }
        let verification = LedgerVerifier().verify(entries, head: try store.ledgerHead())
        #expect(verification == .intact(entries: 3, head: entries[2].hash))
    }

    @Test func aRefusedItemIsReportedAndTheRestIsRecorded() throws {
        let store = try store(5)
        let fakes = Fakes()
        let key = CollectionKey(destination: "team")
        let connector = InMemoryConnector(collection: key)
        connector.refusing = [SubjectID("subject-3")]
        fakes.connectors[key] = connector
        let engine = SyncEngine(store: store, policy: policy(), connectors: fakes, logger: logger)

        let report = engine.run(try engine.plan())
        #expect(!report.succeeded)
        #expect(report.collections.first?.created == 4)
        #expect(report.collections.first?.failed == 1)
        #expect(try store.allCopies().count == 4)
        connector.refusing = []
        #expect(engine.run(try engine.plan()).collections.first?.created == 1)
    }

    @Test func anUnreachableCollectionDoesNotStopTheOthers() throws {
        let store = try store(4)
        let fakes = Fakes()
        let down = InMemoryConnector(collection: CollectionKey(destination: "team", user: "alice"))
        down.unreachable = true
        fakes.connectors[down.collection] = down
        let engine = SyncEngine(
            store: store, policy: policy(scope: .perUser, owner: .self), connectors: fakes, logger: logger)

        let report = engine.run(try engine.plan())
        let byUser = Dictionary(uniqueKeysWithValues: report.collections.map { ($0.collection.user, $0) })
        #expect(byUser["alice"]?.error != nil)
        #expect(byUser["bruno"]?.created == 2)
        #expect(try store.allCopies().map(\.collection.user) == ["bruno", "bruno"])
    }

    @Test func theVdirHoldsOnlyAllowedFieldsAndOnlyItsOwnFilesAreTouched() throws {
        let store = try store(6)
        let out = folder.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let mine = out.appendingPathComponent("users-own-card.vcf")
        try Data("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Own\r\nEND:VCARD\r\n".utf8).write(to: mine)
        let factory = ConnectorFactory(baseFolder: folder.url, environment: [:], logger: logger)
        let engine = SyncEngine(store: store, policy: policy(), connectors: factory, logger: logger)

        #expect(engine.run(try engine.plan()).succeeded)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0 != "users-own-card.vcf" }
        #expect(files.count == 6)
        for file in files {
            let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("TEL;TYPE=work") || text.contains("TEL;TYPE=WORK"))
            for forbidden in ["NOTE", "BDAY", "ADR", "X-CRM-OWNER", "CATEGORIES", "example.net", "+33 6", "+33 4"] {
                #expect(!text.contains(forbidden), "a copy carries \(forbidden)")
            }
        }

        // Taking every subject out of the rule removes Ecluse's files and leaves the user's own.
        var none = policy()
        none.rules = []
        none.version = "policy-v2"
        let emptying = SyncEngine(store: store, policy: none, connectors: factory, logger: logger)
        #expect(emptying.run(try emptying.plan()).collections.first?.deleted == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["users-own-card.vcf"])
    }
}
