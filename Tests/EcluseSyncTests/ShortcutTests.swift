import EcluseConnectors
import EcluseCore
import EcluseLogging
import EcluseStore
import EcluseSync
import EcluseTesting
import Foundation
import Testing

/// The sync's shortcut (only changed subjects are planned, or none) never leaves work that the
/// full plan would find.
@Suite struct ShortcutTests {
    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())

    func policy(keep: KeepRule = .whileSelected, attestations: [String] = []) -> Policy {
        Policy(
            purposes: [Purpose(name: "directory", legalBasis: .contract)],
            destinations: [
                Destination(
                    name: "phones", kind: .vdir, scope: .perUser, attestations: attestations,
                    settings: ["path": "out/{user}"])
            ],
            rules: [
                Rule(
                    purpose: "directory", destination: "phones",
                    subjects: SubjectSelector(owner: .self, tagsAny: ["customer"]),
                    fields: FieldSet(["name", "phone.work"].compactMap(FieldPath.init(parsing:))), keep: keep)
            ],
            version: "policy-\(keep)-\(attestations)")
    }

    func engine(_ store: SQLiteStore, _ policy: Policy, at now: Date, shortcut: Bool = true) -> SyncEngine {
        SyncEngine(
            store: store, policy: policy,
            connectors: ConnectorFactory(baseFolder: folder.url, environment: [:], logger: logger),
            clock: FixedClock(now), checksDrift: shortcut, logger: logger)
    }

    /// What a full plan, without any shortcut, still finds to do.
    func leftover(_ store: SQLiteStore, _ policy: Policy, at now: Date) throws -> Int {
        try engine(store, policy, at: now, shortcut: false).plan().reduce(0) { $0 + $1.operations.count }
    }

    func sql(_ statement: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", folder.file("ecluse.sqlite"), statement]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func randomChangesBetweenSyncsLeaveNothingForTheFullPlan() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        var random = SeededGenerator(seed: 7)
        let provenance = Provenance(source: "test", importedAt: Date())
        for number in 1...40 {
            try store.save(Invented.contact(number, owner: ["alice", "bruno"][number % 2]), provenance: provenance)
        }
        try store.save(User(login: "alice"))
        try store.save(User(login: "bruno"))
        let policy = policy()
        let now = Date(timeIntervalSince1970: 1_796_115_600)
        for round in 0..<25 {
            // Up to three changes of the kinds an import or a hand edit makes.
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let number = Int.random(in: 1...45, using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0:
                    var contact = Invented.contact(number, owner: ["alice", "bruno"][number % 2])
                    contact.phones[0].value = "+33 1 00 00 \(round) \(number)"
                    try store.save(contact, provenance: provenance)
                case 1:
                    try store.save(
                        Invented.contact(number, tags: ["supplier"]), provenance: provenance)
                case 2:
                    try store.save(Invented.contact(number, owner: "bruno"), provenance: provenance)
                case 3:
                    try sql("DELETE FROM contacts WHERE id = 'subject-\(number)'")
                default:
                    try sql("UPDATE contacts SET owner = 'alice' WHERE id = 'subject-\(number)'")
                }
            }
            let engine = engine(store, policy, at: now)
            let report = engine.run(try engine.plan())
            #expect(report.succeeded, "round \(round)")
            #expect(try leftover(store, policy, at: now) == 0, "round \(round): the shortcut left work undone")
        }
    }

    @Test func aNewUserAnAttestationAndADeadlineEachLeadToTheFullPlan() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let provenance = Provenance(source: "test", importedAt: Date())
        for number in 1...4 { try store.save(Invented.contact(number, owner: "alice"), provenance: provenance) }
        try store.save(User(login: "alice"))
        let start = Date(timeIntervalSince1970: 1_796_115_600)
        let kept = policy(keep: .period(Period(days: 30)))
        let first = engine(store, kept, at: start)
        #expect(first.run(try first.plan()).collections.map(\.created) == [4])

        // A new user gets a collection; a user's contacts moved to them follow.
        try store.save(User(login: "bruno"))
        try store.save(Invented.contact(9, owner: "bruno"), provenance: provenance)
        let second = engine(store, kept, at: start)
        #expect(second.run(try second.plan()).collections.map(\.created) == [0, 1])

        // The kept period ends: the copies are taken back on the first sync after it.
        let later = start.addingTimeInterval(31 * 86_400)
        let third = engine(store, kept, at: later)
        #expect(third.run(try third.plan()).collections.map(\.deleted) == [4, 1])
        #expect(try leftover(store, kept, at: later) == 0)

        // A required attestation appears in the policy: nothing new goes until it is filed.
        let attested = policy(attestations: ["eu-hosting"])
        try store.save(Invented.contact(10, owner: "alice"), provenance: provenance)
        let fourth = engine(store, attested, at: later)
        let held = fourth.run(try fourth.plan())
        #expect(held.collections.allSatisfy { $0.heldBack != nil } && held.collections.map(\.created) == [0, 0])
        try store.add(
            Attestation(
                destination: "phones", kind: "eu-hosting", place: "out/{user}", reference: "r", documentSHA256: "00",
                issuer: "Host SAS",
                expiresOn: CalendarDate(year: 2030, month: 1, day: 1), addedAt: later))
        let fifth = engine(store, attested, at: later)
        let filed = fifth.run(try fifth.plan())
        #expect(filed.collections.map(\.created) == [5, 1], "\(filed.collections.map(\.heldBack))")
        #expect(try leftover(store, attested, at: later) == 0)
    }
}
