import EcluseCore
import EcluseLedger
import Foundation

// API tokens are on the SQLite store only, like accounts and feed tokens, until the web app's
// state joins the `Store` interface (docs/known-gaps.md).
extension SQLiteStore {
    /// Files a new token for `login` by its SHA-256 (hex); a login may have several tokens.
    public func addAPIToken(login: String, name: String, sha256: String, at date: Date) throws(StoreError) -> APIToken {
        try inTransaction { () throws(StoreError) in
            try database.run(
                """
                INSERT INTO api_tokens (login, name, token_sha256, created_at)
                VALUES (\(login), \(name), \(sha256), \(LedgerTime.format(date)))
                """)
            guard let token = try apiToken(sha256: sha256) else {
                throw StoreError(.statement, "a new API token could not be read back")
            }
            return token
        }
    }

    /// Revokes the token numbered `id`; returns false when there is no such active token.
    @discardableResult
    public func revokeAPIToken(id: Int64, at date: Date) throws(StoreError) -> Bool {
        try database.run(
            "UPDATE api_tokens SET revoked_at = \(LedgerTime.format(date)) WHERE id = \(id) AND revoked_at IS NULL"
        ) > 0
    }

    /// The token whose SHA-256 (hex) is `sha256`, active or revoked; nil when there is none.
    ///
    /// The lookup goes through the unique index on the hash, so its work does not depend on
    /// how close a guess is to a real token.
    public func apiToken(sha256: String) throws(StoreError) -> APIToken? {
        try database.first(
            "SELECT id, login, name, created_at, revoked_at FROM api_tokens WHERE token_sha256 = \(sha256)"
        ) { row throws(StoreError) in try Self.apiToken(row) }
    }

    /// The account an active token opens, by the token's SHA-256 (hex), in one indexed lookup;
    /// nil when the token is unknown or revoked, or its account is gone.
    public func accountOfActiveAPIToken(
        sha256: String
    ) throws(StoreError) -> (login: String, role: Account.Role)? {
        let found = try database.first(
            """
            SELECT accounts.login, accounts.role FROM api_tokens JOIN accounts ON accounts.login = api_tokens.login
            WHERE api_tokens.token_sha256 = \(sha256) AND api_tokens.revoked_at IS NULL
            """
        ) { row in (login: row.text(0), role: Account.Role(rawValue: row.text(1))) }
        guard let found, let role = found.role else { return nil }
        return (found.login, role)
    }

    /// Every token filed, oldest first.
    public func apiTokens() throws(StoreError) -> [APIToken] {
        try database.query("SELECT id, login, name, created_at, revoked_at FROM api_tokens ORDER BY id") {
            row throws(StoreError) in try Self.apiToken(row)
        }
    }

    private static func apiToken(_ row: SQLiteRow) throws(StoreError) -> APIToken {
        guard let created = LedgerTime.parse(row.text(3)) else {
            throw StoreError(.corrupt, "an API token row has an unreadable date")
        }
        return APIToken(
            id: row.int64(0), login: row.text(1), name: row.text(2), createdAt: created,
            revokedAt: row.optionalText(4).flatMap(LedgerTime.parse))
    }
}
