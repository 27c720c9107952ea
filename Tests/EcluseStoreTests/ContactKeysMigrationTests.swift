import EcluseCore
import EcluseTesting
import Foundation
import Testing

@testable import EcluseStore

/// Migration 22 moves the email and phone keys of contacts to tables without a rowid; a store
/// made before it must keep every key and still find its subjects by them.
@Suite struct ContactKeysMigrationTests {
    let folder = TemporaryFolder()

    @Test func keysMadeBeforeTheMigrationStillFindTheirSubjects() throws {
        let path = folder.file("ecluse.sqlite")
        do {
            // A store as migration 21 left it, with one contact written the old way.
            let database = try SQLiteDatabase(path: path)
            try database.execute(unsafeSQL: "CREATE TABLE schema_migrations (number INTEGER PRIMARY KEY)")
            for migration in SQLiteMigrations.all where migration.number < 22 {
                try database.execute(unsafeSQL: migration.sql)
                _ = try database.run("INSERT INTO schema_migrations (number) VALUES (\(migration.number))")
            }
            _ = try database.run(
                """
                INSERT INTO contacts (id, display_name, search_text, body, content_hash, source, imported_at)
                VALUES ('subject-1', 'Ana Example', '', '{}', 'h', 'old.vcf', '2026-01-01T00:00:00.000Z')
                """)
            _ = try database.run(
                "INSERT INTO contact_emails (contact_id, email) VALUES ('subject-1', 'ana@example.org')")
            _ = try database.run(
                "INSERT INTO contact_phones (contact_id, e164) VALUES ('subject-1', '+33600000001'), "
                    + "('subject-1', '+33600000002')")
        }

        let store = try SQLiteStore(path: path)
        #expect(try store.contactIDs(matchingEmail: " Ana@Example.org") == [SubjectID("subject-1")])
        #expect(try store.contactIDs(matchingPhone: "+33600000002") == [SubjectID("subject-1")])
        let keys = try store.matchKeys()
        #expect(keys.emails == ["ana@example.org"])
        #expect(keys.phones == ["+33600000001", "+33600000002"])
    }

    @Test func aContactsKeysGoWithIt() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        var contact = Invented.contact(1)
        contact.id = SubjectID("subject-1")
        try store.insert(
            [NewContact(contact, phoneKeys: ["+33600000001"])],
            provenance: Provenance(source: "crm.vcf", importedAt: Date(timeIntervalSince1970: 1_800_000_000)))
        #expect(try store.contactIDs(matchingPhone: "+33600000001") == [SubjectID("subject-1")])

        let database = try SQLiteDatabase(path: folder.file("ecluse.sqlite"))
        try database.execute(unsafeSQL: "PRAGMA foreign_keys = ON; DELETE FROM contacts WHERE id = 'subject-1'")
        #expect(try store.contactIDs(matchingPhone: "+33600000001").isEmpty)
        #expect(try store.contactIDs(matchingEmail: contact.emails[0].value).isEmpty)
    }
}
