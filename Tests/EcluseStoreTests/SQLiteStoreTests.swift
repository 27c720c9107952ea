import EcluseCore
import EcluseLedger
import EcluseStore
import EcluseTesting
import Foundation
import Testing

@Suite struct SQLiteStoreTests {
    let folder = TemporaryFolder()

    func openStore() throws -> SQLiteStore { try SQLiteStore(path: folder.file("ecluse.sqlite")) }

    func draft(_ action: LedgerAction, _ record: CopyRecord) -> LedgerDraft {
        LedgerDraft(
            recordedAt: Date(timeIntervalSince1970: 1_800_000_000), action: action, collection: record.collection,
            subject: "s-test", copyUID: record.copyUID, contentHash: record.contentHash, fields: record.fields,
            policyVersion: "v1")
    }

    func record(_ number: Int) -> CopyRecord {
        let key = CollectionKey(destination: "folder")
        let subject = SubjectID("subject-\(number)")
        return CopyRecord(
            collection: key, subject: subject, copyUID: key.copyUID(for: subject), remoteID: "item-\(number).vcf",
            etag: "e1", contentHash: "h\(number)", fields: ["name", "phone.work"],
            createdAt: Date(timeIntervalSince1970: 1_800_000_000), updatedAt: Date(timeIntervalSince1970: 1_800_000_000)
        )
    }

    @Test func contactsRoundTripAndAreFoundByUIDEmailAndText() throws {
        let store = try openStore()
        let contact = Invented.contact(7)
        try store.save(contact, provenance: Provenance(source: "crm.vcf", importedAt: Date()))

        #expect(try store.contact(contact.id) == contact)
        #expect(try store.contactID(matchingSourceUID: "crm-7") == contact.id)
        #expect(try store.contactIDs(matchingEmail: " PERSON7@example.org ") == [contact.id])
        #expect(try store.searchContacts("exemple 0", limit: 10).map(\.id) == [contact.id])
        #expect(try store.searchContacts("100%", limit: 10).isEmpty)
        #expect(try store.contactCount() == 1)
    }

    @Test func reopeningKeepsDataAndThePseudonymKey() throws {
        let key: [UInt8]
        do {
            let store = try openStore()
            try store.save(User(login: "alice", displayName: "Alice"))
            key = try store.pseudonymKey()
            store.close()
        }
        let reopened = try openStore()
        #expect(try reopened.users() == [User(login: "alice", displayName: "Alice")])
        #expect(try reopened.pseudonymKey() == key)
        #expect(key.count == 32)
    }

    @Test func aWriteStoresTheCopyAndChainsItsLedgerEntry() throws {
        let store = try openStore()
        let first = try store.recordWrite(record(1), entry: draft(.copyCreated, record(1)))
        let second = try store.recordWrite(record(2), entry: draft(.copyCreated, record(2)))

        #expect(first.sequence == 1 && second.sequence == 2)
        #expect(first.previousHash == LedgerEntry.genesisHash)
        #expect(second.previousHash == first.hash)
        #expect(try store.ledgerHead() == LedgerHead(sequence: 2, hash: second.hash))
        #expect(
            try store.copies(in: CollectionKey(destination: "folder")).map(\.remoteID) == ["item-1.vcf", "item-2.vcf"])
        #expect(try store.ledgerEntries(after: 0, limit: 10) == [first, second])
    }

    @Test func aDeleteRemovesTheCopyAndIsLedgered() throws {
        let store = try openStore()
        try store.recordWrite(record(1), entry: draft(.copyCreated, record(1)))
        try store.recordDelete(record(1), entry: draft(.copyDeleted, record(1)))
        #expect(try store.allCopies().isEmpty)
        #expect(try store.ledgerEntries(after: 0, limit: 10).map(\.action) == [.copyCreated, .copyDeleted])
    }

    @Test func aFailedTransactionLeavesNeitherCopyNorLedgerEntry() throws {
        let store = try openStore()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.transaction {
                try store.recordWrite(record(1), entry: draft(.copyCreated, record(1)))
                throw Boom()
            }
        }
        #expect(try store.allCopies().isEmpty)
        #expect(try store.ledgerEntries(after: 0, limit: 10).isEmpty)
        #expect(try store.ledgerHead() == .empty)
    }

    @Test func statementsBindValuesInsteadOfSplicingThem() throws {
        let store = try openStore()
        var contact = Invented.contact(1)
        contact.name.formatted = "Ana'); DROP TABLE contacts; --"
        try store.save(contact, provenance: Provenance(source: "x", importedAt: Date()))
        #expect(try store.contact(contact.id)?.name.formatted == "Ana'); DROP TABLE contacts; --")
        #expect(try store.contactCount() == 1)
    }
}

@Suite struct SQLiteTextTests {
    @Test func textWithANULInsideIsStoredWholeAndKeptApart() throws {
        let folder = TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        var first = Invented.contact(1)
        first.sourceUID = "crm\u{0}001"
        first.name.formatted = "Ana\u{0}Example"
        var second = Invented.contact(2)
        second.sourceUID = "crm\u{0}002"
        try store.save(first, provenance: Provenance(source: "x", importedAt: Date()))
        try store.save(second, provenance: Provenance(source: "x", importedAt: Date()))

        #expect(try store.contactID(matchingSourceUID: "crm\u{0}001") == first.id)
        #expect(try store.contactID(matchingSourceUID: "crm\u{0}002") == second.id)
        #expect(try store.contactID(matchingSourceUID: "crm") == nil)
        #expect(try store.contact(first.id)?.name.formatted == "Ana\u{0}Example")
    }
}
