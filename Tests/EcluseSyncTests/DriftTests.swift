import EcluseConnectors
import EcluseCore
import EcluseLedger
import EcluseLogging
import EcluseStore
import EcluseSync
import EcluseTesting
import Foundation
import Testing

/// A copy changed or removed at the destination by someone else is written back
/// (`on-drift: restore`) or left and recorded (`on-drift: report`); both land in the ledger.
@Suite struct DriftTests {
    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())

    func policy(_ drift: DriftPolicy) -> Policy {
        Policy(
            purposes: [Purpose(name: "directory", legalBasis: .contract)],
            destinations: [
                Destination(name: "team", kind: .vdir, settings: ["path": "out"], onDrift: drift)
            ],
            rules: [
                Rule(
                    purpose: "directory", destination: "team",
                    fields: FieldSet(["name", "phone.work"].compactMap(FieldPath.init(parsing:))))
            ],
            version: "policy-v1")
    }

    func store() throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        for number in 1...3 {
            try store.save(Invented.contact(number), provenance: Provenance(source: "test", importedAt: Date()))
        }
        return store
    }

    func sync(_ store: SQLiteStore, _ drift: DriftPolicy) throws -> CollectionReport {
        let connectors = ConnectorFactory(baseFolder: folder.url, environment: [:], logger: logger)
        let engine = SyncEngine(store: store, policy: policy(drift), connectors: connectors, logger: logger)
        let report = engine.run(try engine.plan())
        #expect(report.succeeded)
        return try #require(report.collections.first)
    }

    /// The copy files, by name, with their text.
    func files() throws -> [String: String] {
        let out = folder.url.appendingPathComponent("out")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            files[name] = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    func actions(_ store: SQLiteStore) throws -> [LedgerAction] {
        try store.ledgerEntries(after: 0, limit: 100).map(\.action)
    }

    @Test func anEditedAndARemovedCopyAreWrittenBack() throws {
        let store = try store()
        #expect(try sync(store, .restore).created == 3)
        let written = try files()
        let names = written.keys.sorted()
        let out = folder.url.appendingPathComponent("out")
        try "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Edited by hand\r\nEND:VCARD\r\n".write(
            to: out.appendingPathComponent(names[0]), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: out.appendingPathComponent(names[1]))

        let report = try sync(store, .restore)
        #expect(report.updated == 2 && report.restored == 2 && report.created == 0)
        #expect(try files() == written)
        #expect(try actions(store) == [.copyCreated, .copyCreated, .copyCreated, .copyRestored, .copyRestored])
        // Restored once: the next sync finds nothing to do.
        #expect(try sync(store, .restore).updated == 0)
        let entries = try store.ledgerEntries(after: 0, limit: 100)
        #expect(
            LedgerVerifier().verify(entries, head: try store.ledgerHead())
                == .intact(entries: 5, head: entries[4].hash))
    }

    @Test func withReportTheChangeStaysAndIsRecordedOnce() throws {
        let store = try store()
        _ = try sync(store, .report)
        let names = try files().keys.sorted()
        let out = folder.url.appendingPathComponent("out")
        let edited = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Edited by hand\r\nEND:VCARD\r\n"
        try edited.write(to: out.appendingPathComponent(names[0]), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: out.appendingPathComponent(names[1]))

        let report = try sync(store, .report)
        #expect(report.driftReported == 2 && report.updated == 0 && report.created == 0)
        #expect(try files()[names[0]] == edited && files()[names[1]] == nil)
        #expect(try sync(store, .report).driftReported == 0)
        #expect(try actions(store).suffix(2) == [.driftReported, .driftReported])

        // The CRM changes the subject: Ecluse's version is written again.
        let subject = try #require(try store.allCopies().first { $0.remoteID == names[0] }?.subject)
        let number = Int(subject.rawValue.dropFirst("subject-".count)) ?? 0
        var changed = Invented.contact(number)
        changed.phones[0].value = "+33 1 00 00 00 99"
        try store.save(changed, provenance: Provenance(source: "test", importedAt: Date()))
        #expect(try sync(store, .report).updated == 1)
        #expect(try files()[names[0]]?.contains("+33 1 00 00 00 99") == true)
    }

    /// A program that rewrites a file with the same bytes (vdirsyncer, a backup restore) moves
    /// its version tag: the file is read back, found unchanged, and only its tag recorded.
    @Test(arguments: [DriftPolicy.restore, .report])
    func aFileRewrittenWithTheSameContentIsNotDrift(_ drift: DriftPolicy) throws {
        let store = try store()
        _ = try sync(store, drift)
        let out = folder.url.appendingPathComponent("out")
        let written = try files()
        let name = try #require(written.keys.sorted().first)
        let before = try #require(try store.allCopies().first { $0.remoteID == name }?.etag)
        try Data((written[name] ?? "").utf8).write(to: out.appendingPathComponent(name))
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: out.appendingPathComponent(name).path)

        let report = try sync(store, drift)

        #expect(report.updated == 0 && report.driftReported == 0)
        let after = try #require(try store.allCopies().first { $0.remoteID == name }?.etag)
        #expect(after != before)
        #expect(try actions(store) == [.copyCreated, .copyCreated, .copyCreated])
    }

    @Test func driftIsFoundByVersionTagWhateverTheQuotes() {
        let record = CopyRecord(
            collection: CollectionKey(destination: "d"), subject: SubjectID("s"), copyUID: "u", remoteID: "r",
            etag: "\"abc\"", contentHash: "h", fields: [], createdAt: Date(), updatedAt: Date())
        #expect(Drift.find(in: [record], listed: [RemoteItem(remoteID: "r", etag: "W/\"abc\"")]).isEmpty)
        #expect(Drift.find(in: [record], listed: [RemoteItem(remoteID: "r", etag: "abc")]).isEmpty)
        #expect(
            Drift.find(in: [record], listed: [RemoteItem(remoteID: "r", etag: "\"abd\"")]).map(\.kind) == [.changed])
        #expect(Drift.find(in: [record], listed: []).map(\.kind) == [.deleted])
        var untagged = record
        untagged.etag = nil
        #expect(Drift.find(in: [untagged], listed: []).isEmpty)
    }

    @Test func aRemovedFolderIsMadeAgainAndItsCopiesWrittenBack() throws {
        let store = try store()
        _ = try sync(store, .restore)
        let first = try files()
        #expect(first.count == 3)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("out"))
        let report = try sync(store, .restore)
        #expect(report.restored == 3)
        #expect(try files() == first)
    }
}
