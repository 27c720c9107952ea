import EcluseCore
import EcluseLedger
import EcluseStore
import EcluseTesting
import Foundation
import Testing

@Suite("The SQLite store's parts for the web app: sessions, calls, served entries")
struct SQLiteWebStoreTests {
    let folder = TemporaryFolder()
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func openStore() throws -> SQLiteStore { try SQLiteStore(path: folder.file("ecluse.sqlite")) }

    @Test func aServedEntryJoinsTheChainWithoutACopyRow() throws {
        let store = try openStore()
        defer { store.close() }
        let collection = CollectionKey(destination: "phone-download", user: "alice")

        let entry = try store.recordServed(
            LedgerDraft(
                recordedAt: start, action: .downloaded, collection: collection, subject: "s-0123",
                copyUID: collection.copyUID(for: SubjectID("subject-1")), contentHash: "h1",
                fields: ["name", "phone.work"], policyVersion: "v1"))

        let entries = try store.ledgerEntries(after: 0, limit: 10)
        #expect(entries == [entry])
        #expect(try store.ledgerHead() == LedgerHead(sequence: 1, hash: entry.hash))
        #expect(LedgerVerifier().verify(entries, head: try store.ledgerHead()) == .intact(entries: 1, head: entry.hash))
        #expect(try store.allCopies().isEmpty)
        #expect(try store.copiesWithoutTheirLedgerEntry().isEmpty)
    }

    @Test func sessionsAreFoundByTheirHashTouchedAndSweptWhenIdle() throws {
        let store = try openStore()
        defer { store.close() }
        let session = StoredSession(
            idHash: "hash-a", login: "alice", csrfToken: "token", createdAt: start, lastSeenAt: start)
        try store.add(session)
        try store.add(
            StoredSession(idHash: "hash-b", login: "bruno", csrfToken: "t", createdAt: start, lastSeenAt: start))

        try store.touchSession(idHash: "hash-a", at: start.addingTimeInterval(600))
        try store.removeSessions(lastSeenBefore: start.addingTimeInterval(300))

        #expect(try store.session(idHash: "hash-a")?.lastSeenAt == start.addingTimeInterval(600))
        #expect(try store.session(idHash: "hash-b") == nil)
        try store.removeSession(idHash: "hash-a")
        #expect(try store.session(idHash: "hash-a") == nil)
    }

    @Test func callsAreListedNewestFirstAndContactsByOwner() throws {
        let store = try openStore()
        defer { store.close() }
        let provenance = Provenance(source: "test", importedAt: start)
        for number in 1...3 { try store.save(Invented.contact(number, owner: "alice"), provenance: provenance) }
        try store.save(Invented.contact(4, owner: "bruno"), provenance: provenance)
        for minutes in [1.0, 3, 2] {
            try store.add(
                CallNote(
                    subject: SubjectID("subject-1"), login: "alice", calledAt: start.addingTimeInterval(60 * minutes)))
        }

        let calls = try store.calls(to: SubjectID("subject-1"), limit: 2)
        let owned = try store.contacts(ownedBy: "alice", limit: 10)

        #expect(calls.map(\.calledAt) == [start.addingTimeInterval(180), start.addingTimeInterval(120)])
        #expect(Set(owned.map(\.id.rawValue)) == ["subject-1", "subject-2", "subject-3"])
    }
}
