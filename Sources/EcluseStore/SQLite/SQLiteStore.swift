import EcluseCore
import EcluseCrypto
import EcluseLedger
import Foundation
import Synchronization

/// The store on one SQLite file: the embedded default.
public final class SQLiteStore: Store {
    let database: SQLiteDatabase
    /// Organisation ids by name, dropped whenever a transaction rolls back (an id it holds
    /// may have been rolled back with it).
    private var organisationCache: (rollbacks: Int, ids: [String: Int64]) = (0, [:])

    /// Opens (and creates or migrates) the database at `path`.
    public init(path: String) throws(StoreError) {
        database = try SQLiteDatabase(path: path)
        try migrate()
    }

    public func close() { database.close() }

    public func transaction<T>(_ body: () throws -> T) throws -> T { try database.transaction(body) }

    private func migrate() throws(StoreError) {
        try database.execute(unsafeSQL: "CREATE TABLE IF NOT EXISTS schema_migrations (number INTEGER PRIMARY KEY)")
        let applied = Set(try database.query("SELECT number FROM schema_migrations") { $0.int(0) })
        for migration in SQLiteMigrations.all where !applied.contains(migration.number) {
            do {
                try database.transaction {
                    try database.execute(unsafeSQL: migration.sql)
                    try database.run("INSERT INTO schema_migrations (number) VALUES (\(migration.number))")
                }
            } catch {
                throw StoreError(
                    .migration, "migration \(migration.number) failed: \(error)",
                    fix: "restore the data folder from a backup, or report this as a bug")
            }
        }
        if try meta("pseudonym-key") == nil {
            try setMeta("pseudonym-key", SecureRandom.bytes(32))
        }
    }

    // MARK: Meta

    func meta(_ key: String) throws(StoreError) -> [UInt8]? {
        try database.first("SELECT value FROM meta WHERE key = \(key)") { $0.blob(0) }
    }

    func setMeta(_ key: String, _ value: [UInt8]) throws(StoreError) {
        try database.run(
            """
            INSERT INTO meta (key, value) VALUES (\(key), \(value))
            ON CONFLICT(key) DO UPDATE SET value = excluded.value
            """)
    }

    public func revision() throws(StoreError) -> Int64 {
        try database.first("SELECT value FROM meta WHERE key = 'revision'") { $0.int64(0) } ?? 0
    }

    /// The number the next change to a subject will follow: it only ever grows, even when the
    /// list of changes is trimmed, so that it can key a cache.
    public func subjectChangeCounter() throws(StoreError) -> Int64 {
        try database.first("SELECT seq FROM sqlite_sequence WHERE name = 'subject_changes'") { $0.int64(0) } ?? 0
    }

    public func subjectChanges() throws(StoreError) -> Int64 {
        try database.first("SELECT COALESCE(MAX(seq), 0) FROM subject_changes") { $0.int64(0) } ?? 0
    }

    public func subjectsChanged(after sequence: Int64, upTo last: Int64) throws(StoreError) -> [SubjectID] {
        try database.query(
            "SELECT DISTINCT subject_id FROM subject_changes WHERE seq > \(sequence) AND seq <= \(last)"
        ) { SubjectID($0.text(0)) }
    }

    public func forgetSubjectChanges(upTo sequence: Int64) throws(StoreError) {
        try database.run("DELETE FROM subject_changes WHERE seq <= \(sequence)")
    }

    public func planFingerprint() throws(StoreError) -> String? {
        try meta("plan-fingerprint").map { String(decoding: $0, as: UTF8.self) }
    }

    public func setPlanFingerprint(_ fingerprint: String?) throws(StoreError) {
        guard let fingerprint else {
            try database.run("DELETE FROM meta WHERE key = 'plan-fingerprint'")
            return
        }
        try setMeta("plan-fingerprint", Array(fingerprint.utf8))
    }

    public func pseudonymKey() throws(StoreError) -> [UInt8] {
        guard let key = try meta("pseudonym-key") else {
            throw StoreError(
                .corrupt, "the pseudonym key is missing from the database",
                fix: "restore the data folder from a backup")
        }
        return key
    }

    // MARK: Subjects

    public func contact(_ id: SubjectID) throws(StoreError) -> Contact? {
        try database.first("SELECT id, body FROM contacts WHERE id = \(id.rawValue)") { row throws(StoreError) in
            try decodeContact(row)
        }
    }

    public func contactID(matchingSourceUID uid: String) throws(StoreError) -> SubjectID? {
        try database.first("SELECT id FROM contacts WHERE source_uid = \(uid)") { SubjectID($0.text(0)) }
    }

    public func contactIDs(matchingEmail email: String) throws(StoreError) -> [SubjectID] {
        let normalised = Email.matchKey(of: email)
        return try database.query(
            "SELECT contact_id FROM contact_emails WHERE email = \(normalised) LIMIT 20"
        ) { SubjectID($0.text(0)) }
    }

    public func matchKeys() throws(StoreError) -> MatchKeys {
        MatchKeys(
            uids: Set(
                try database.query("SELECT source_uid FROM contacts WHERE source_uid IS NOT NULL") { $0.text(0) }),
            emails: Set(try database.query("SELECT DISTINCT email FROM contact_emails") { $0.text(0) }),
            phones: Set(try database.query("SELECT DISTINCT e164 FROM contact_phones") { $0.text(0) }))
    }

    /// New contacts go in 32 rows to a statement. Each statement that fires a trigger keeps
    /// the pages it changes until it ends (a statement journal), so one statement for many
    /// rows copies each page once instead of once per row.
    public func insert(_ contacts: [NewContact], provenance: Provenance) throws(StoreError) {
        let importedAt = LedgerTime.format(provenance.importedAt)
        var start = contacts.startIndex
        while start < contacts.endIndex {
            let batch = contacts[start..<min(start + Self.rowsPerInsert, contacts.endIndex)]
            start = batch.endIndex
            var rows: [SQL] = []
            var emails: [SQL] = []
            var phones: [SQL] = []
            for new in batch {
                let id = new.contact.id.rawValue
                rows.append(try row(of: new, source: provenance.source, importedAt: importedAt))
                for email in new.emailKeys { emails.append("(\(id), \(email))") }
                for key in new.phoneKeys { phones.append("(\(id), \(key))") }
            }
            try database.run(Self.insertContacts + SQL.joined(rows, separator: ", "))
            for chunk in Self.chunks(of: emails) {
                try database.run("INSERT INTO contact_emails (contact_id, email) VALUES " + chunk)
            }
            for chunk in Self.chunks(of: phones) {
                try database.run("INSERT INTO contact_phones (contact_id, e164) VALUES " + chunk)
            }
        }
    }

    /// The start of an INSERT into `contacts`, which `row(of:source:importedAt:)` completes.
    private static let insertContacts: SQL = """
        INSERT INTO contacts (id, source_uid, owner, organisation_id, display_name, search_text, body,
                              content_hash, source, imported_at) VALUES
        """

    /// The values of a contact's row, in the order of `insertContacts`.
    private func row(of new: NewContact, source: String, importedAt: String) throws(StoreError) -> SQL {
        let contact = new.contact
        let organisationID = try contact.organisation.map { organisation throws(StoreError) in
            try self.organisationID(named: organisation.name)
        }
        return """
            (\(contact.id.rawValue), \(contact.sourceUID), \(contact.owner), \(organisationID), \(contact.displayName),
             \(new.searchText), \(new.body), \(new.contentHash), \(source), \(importedAt))
            """
    }

    /// How many contacts one INSERT statement holds: 32 rows of 10 values stay far below
    /// SQLite's limit on bound values (32,766), and larger batches gained nothing measurable.
    static let rowsPerInsert = 32

    /// `rows` of an index table as the VALUES lists of statements of at most 128 rows each.
    private static func chunks(of rows: [SQL]) -> [SQL] {
        stride(from: 0, to: rows.count, by: 128).map { start in
            SQL.joined(Array(rows[start..<min(start + 128, rows.count)]), separator: ", ")
        }
    }

    /// Writes the contact row, new or replacing a stored version, and its email index.
    /// Its phone keys are kept apart (`setPhoneKeys`).
    public func save(_ contact: Contact, provenance: Provenance) throws(StoreError) {
        let new = NewContact(contact, phoneKeys: [])
        let values = try row(of: new, source: provenance.source, importedAt: LedgerTime.format(provenance.importedAt))
        try database.run(
            Self.insertContacts + values
                + """
                ON CONFLICT(id) DO UPDATE SET
                source_uid = excluded.source_uid, owner = excluded.owner,
                organisation_id = excluded.organisation_id, display_name = excluded.display_name,
                search_text = excluded.search_text, body = excluded.body, content_hash = excluded.content_hash,
                source = excluded.source, imported_at = excluded.imported_at
                """)
        try database.run("DELETE FROM contact_emails WHERE contact_id = \(contact.id.rawValue)")
        try insertIndexRows("contact_emails", column: "email", Set(new.emailKeys), for: contact.id)
    }

    public func contactIDs(matchingPhone e164: String) throws(StoreError) -> [SubjectID] {
        try database.query(
            "SELECT contact_id FROM contact_phones WHERE e164 = \(e164) LIMIT 20"
        ) { SubjectID($0.text(0)) }
    }

    public func setPhoneKeys(_ keys: Set<String>, for subject: SubjectID) throws(StoreError) {
        try database.run("DELETE FROM contact_phones WHERE contact_id = \(subject.rawValue)")
        try insertIndexRows("contact_phones", column: "e164", keys, for: subject)
    }

    /// Adds one row per key to an index table (`contact_emails`, `contact_phones`), in one
    /// statement: a statement costs more than a row.
    private func insertIndexRows(
        _ table: StaticString, column: StaticString, _ keys: Set<String>, for subject: SubjectID
    ) throws(StoreError) {
        guard !keys.isEmpty else { return }
        let rows = keys.sorted().map { key -> SQL in "(\(subject.rawValue), \(key))" }
        let head: SQL = "INSERT INTO \(unsafeSQL: "\(table)") (contact_id, \(unsafeSQL: "\(column)")) VALUES "
        try database.run(head + SQL.joined(rows, separator: ", "))
    }

    /// Every contact, in id order. The rows are read on this thread and decoded on every core:
    /// decoding JSON is most of the time of a sync that has nothing to do.
    public func allContacts() throws(StoreError) -> [Contact] {
        let rows = try database.query("SELECT id, body FROM contacts ORDER BY id") { row in
            StoredRow(id: row.text(0), body: row.blob(1))
        }
        let chunks = min(rows.count / 1_000 + 1, ProcessInfo.processInfo.activeProcessorCount * 2)
        let size = (rows.count + chunks - 1) / chunks
        let decoded = Mutex<[Int: Result<[Contact], StoreError>]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let slice = rows[min(chunk * size, rows.count)..<min((chunk + 1) * size, rows.count)]
            var contacts: [Contact] = []
            contacts.reserveCapacity(slice.count)
            var result = Result<[Contact], StoreError>.success([])
            for row in slice {
                do { contacts.append(try ContactJSON.decode(row.body)) } catch {
                    result = .failure(Self.unreadable(contactID: row.id))
                    break
                }
            }
            if case .success = result { result = .success(contacts) }
            decoded.withLock { $0[chunk] = result }
        }
        var contacts: [Contact] = []
        contacts.reserveCapacity(rows.count)
        for chunk in 0..<chunks {
            switch decoded.withLock({ $0[chunk] }) {
            case .success(let part): contacts += part
            case .failure(let error): throw error
            case nil: throw StoreError(.corrupt, "a part of the contacts was not decoded")
            }
        }
        return contacts
    }

    /// A contact row as read, before decoding.
    private struct StoredRow: Sendable {
        var id: String
        var body: [UInt8]
    }

    public func searchContacts(_ text: String?, limit: Int) throws(StoreError) -> [Contact] {
        let pattern =
            "%"
            + (text ?? "").lowercased()
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        return try database.query(
            """
            SELECT id, body FROM contacts WHERE search_text LIKE \(pattern) ESCAPE '\\'
            ORDER BY display_name COLLATE NOCASE, id LIMIT \(limit)
            """
        ) { row throws(StoreError) in try decodeContact(row) }
    }

    /// A number that changes whenever another connection, in this process or another, commits
    /// to the database (SQLite's `data_version`); this connection's own commits leave it as is.
    /// `ecluse run` polls it to wake on an import or an attestation made meanwhile.
    public func othersChangeCount() throws(StoreError) -> Int64 {
        try database.first("PRAGMA data_version") { $0.int64(0) } ?? 0
    }

    public func contactCount() throws(StoreError) -> Int {
        try database.first("SELECT count(*) FROM contacts") { $0.int(0) } ?? 0
    }

    private func organisationID(named name: String) throws(StoreError) -> Int64 {
        if organisationCache.rollbacks != database.rollbacks {
            organisationCache = (database.rollbacks, [:])
        }
        if let id = organisationCache.ids[name] { return id }
        try database.run("INSERT INTO organisations (name) VALUES (\(name)) ON CONFLICT(name) DO NOTHING")
        guard let id = try database.first("SELECT id FROM organisations WHERE name = \(name)", { $0.int64(0) }) else {
            throw StoreError(.corrupt, "an organisation row vanished while it was being saved")
        }
        organisationCache.ids[name] = id
        return id
    }

    /// The contact of a row of (id, body).
    ///
    /// The error names the contact by Ecluse's own id, which is no personal data, so that a
    /// damaged row can be found and repaired from a backup.
    func decodeContact(_ row: SQLiteRow) throws(StoreError) -> Contact {
        do { return try ContactJSON.decode(row.blob(1)) } catch {
            throw Self.unreadable(contactID: row.text(0))
        }
    }

    private static func unreadable(contactID: String) -> StoreError {
        StoreError(
            .corrupt, "the stored contact \(contactID) cannot be read",
            fix: "restore the data folder from a backup, or import the contact again after deleting that row")
    }

    // MARK: Users

    public func users() throws(StoreError) -> [User] {
        try database.query("SELECT login, display_name, email FROM users ORDER BY login") {
            User(login: $0.text(0), displayName: $0.text(1), email: $0.optionalText(2))
        }
    }

    public func save(_ user: User) throws(StoreError) {
        try database.run(
            """
            INSERT INTO users (login, display_name, email)
            VALUES (\(user.login), \(user.displayName), \(user.email?.lowercased()))
            ON CONFLICT(login) DO UPDATE SET display_name = excluded.display_name, email = excluded.email
            """)
    }

    // MARK: Policy versions

    public func recordPolicyVersion(_ version: String, text: String, at date: Date) throws(StoreError) {
        try database.run(
            """
            INSERT INTO policy_versions (version, text, first_used_at)
            VALUES (\(version), \(text), \(LedgerTime.format(date)))
            ON CONFLICT(version) DO NOTHING
            """)
    }

    public func policyVersionTexts() throws(StoreError) -> [String] {
        try database.query("SELECT text FROM policy_versions ORDER BY first_used_at DESC, rowid DESC") { $0.text(0) }
    }
}
