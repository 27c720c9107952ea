import EcluseCore
import EcluseLedger
import Foundation

/// A web session as the store keeps it: never its id, only the id's SHA-256.
public struct StoredSession: Sendable, Equatable {
    public var idHash: String
    public var login: String
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(idHash: String, login: String, csrfToken: String, createdAt: Date, lastSeenAt: Date) {
        self.idHash = idHash
        self.login = login
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// A call a salesperson noted from a contact's page.
public struct CallNote: Sendable, Equatable {
    public var subject: SubjectID
    public var login: String
    public var calledAt: Date

    public init(subject: SubjectID, login: String, calledAt: Date) {
        self.subject = subject
        self.login = login
        self.calledAt = calledAt
    }
}

// Sessions and calls are on the SQLite store only, like accounts (known gap,
// docs/known-gaps.md): the `Store` interface gains them with the PostgreSQL store.
extension SQLiteStore {
    // MARK: Sessions

    public func add(_ session: StoredSession) throws(StoreError) {
        try database.run(
            """
            INSERT INTO web_sessions (id_hash, login, csrf_token, created_at, last_seen_at)
            VALUES (\(session.idHash), \(session.login), \(session.csrfToken),
                    \(LedgerTime.format(session.createdAt)), \(LedgerTime.format(session.lastSeenAt)))
            """)
    }

    /// The session whose id hashes to `idHash`, or nil.
    public func session(idHash: String) throws(StoreError) -> StoredSession? {
        try database.first(
            """
            SELECT id_hash, login, csrf_token, created_at, last_seen_at FROM web_sessions
            WHERE id_hash = \(idHash)
            """
        ) { row throws(StoreError) in
            guard let created = LedgerTime.parse(row.text(3)), let seen = LedgerTime.parse(row.text(4)) else {
                throw StoreError(.corrupt, "a web session has an unreadable date", fix: "log in again")
            }
            return StoredSession(
                idHash: row.text(0), login: row.text(1), csrfToken: row.text(2), createdAt: created, lastSeenAt: seen)
        }
    }

    public func touchSession(idHash: String, at date: Date) throws(StoreError) {
        try database.run(
            "UPDATE web_sessions SET last_seen_at = \(LedgerTime.format(date)) WHERE id_hash = \(idHash)")
    }

    public func removeSession(idHash: String) throws(StoreError) {
        try database.run("DELETE FROM web_sessions WHERE id_hash = \(idHash)")
    }

    /// Removes the sessions last seen before `date`.
    public func removeSessions(lastSeenBefore date: Date) throws(StoreError) {
        try database.run("DELETE FROM web_sessions WHERE last_seen_at < \(LedgerTime.format(date))")
    }

    // MARK: Calls

    public func add(_ call: CallNote) throws(StoreError) {
        try database.run(
            """
            INSERT INTO calls (contact_id, login, called_at)
            VALUES (\(call.subject.rawValue), \(call.login), \(LedgerTime.format(call.calledAt)))
            """)
    }

    /// The calls noted on `subject`, newest first.
    public func calls(to subject: SubjectID, limit: Int) throws(StoreError) -> [CallNote] {
        try database.query(
            """
            SELECT contact_id, login, called_at FROM calls WHERE contact_id = \(subject.rawValue)
            ORDER BY called_at DESC, id DESC LIMIT \(limit)
            """
        ) { row throws(StoreError) in
            guard let date = LedgerTime.parse(row.text(2)) else {
                throw StoreError(.corrupt, "a call note has an unreadable date")
            }
            return CallNote(subject: SubjectID(row.text(0)), login: row.text(1), calledAt: date)
        }
    }

    // MARK: Contacts by owner

    /// The contacts `owner` owns in the CRM, by display name.
    public func contacts(ownedBy owner: String, limit: Int) throws(StoreError) -> [Contact] {
        try database.query(
            """
            SELECT id, body FROM contacts WHERE owner = \(owner)
            ORDER BY display_name COLLATE NOCASE, id LIMIT \(limit)
            """
        ) { row throws(StoreError) in try decodeContact(row) }
    }
}
