import EcluseCore
import EcluseLedger
import Foundation

// Feed tokens are on the SQLite store only, like accounts, until the web app's state joins
// the `Store` interface (docs/known-gaps.md).
extension SQLiteStore {
    /// Files a new token for `user` by its SHA-256 (hex), revoking the user's earlier ones: a
    /// user has one feed address at a time.
    public func issueFeedToken(user: String, sha256: String, at date: Date) throws(StoreError) -> FeedToken {
        try inTransaction { () throws(StoreError) in
            try revokeFeedTokens(user: user, at: date)
            try database.run(
                """
                INSERT INTO feed_tokens (user, token_sha256, created_at)
                VALUES (\(user), \(sha256), \(LedgerTime.format(date)))
                """)
            guard let token = try feedToken(sha256: sha256) else {
                throw StoreError(.statement, "a new feed token could not be read back")
            }
            return token
        }
    }

    /// Revokes every active token of `user`; returns how many there were.
    @discardableResult
    public func revokeFeedTokens(user: String, at date: Date) throws(StoreError) -> Int {
        try database.run(
            """
            UPDATE feed_tokens SET revoked_at = \(LedgerTime.format(date))
            WHERE user = \(user) AND revoked_at IS NULL
            """)
    }

    /// The token whose SHA-256 (hex) is `sha256`, active or revoked; nil when there is none.
    public func feedToken(sha256: String) throws(StoreError) -> FeedToken? {
        try database.first(
            "SELECT id, user, created_at, revoked_at FROM feed_tokens WHERE token_sha256 = \(sha256)"
        ) { row throws(StoreError) in try Self.feedToken(row) }
    }

    /// Every token filed, oldest first.
    public func feedTokens() throws(StoreError) -> [FeedToken] {
        try database.query("SELECT id, user, created_at, revoked_at FROM feed_tokens ORDER BY id") {
            row throws(StoreError) in try Self.feedToken(row)
        }
    }

    /// When the feed of `token` last changed: `date` when its content hash differs from the one
    /// seen before (or none was), else the moment it was first seen with this hash.
    public func feedChanged(token: Int64, contentHash: String, at date: Date) throws(StoreError) -> Date {
        try inTransaction { () throws(StoreError) in
            let known = try database.first(
                "SELECT content_hash, changed_at FROM feed_states WHERE token_id = \(token)"
            ) { row throws(StoreError) in (row.text(0), LedgerTime.parse(row.text(1))) }
            if let known, known.0 == contentHash, let since = known.1 { return since }
            let now = LedgerTime.rounded(date)
            try database.run(
                """
                INSERT INTO feed_states (token_id, content_hash, changed_at)
                VALUES (\(token), \(contentHash), \(LedgerTime.format(now)))
                ON CONFLICT(token_id) DO UPDATE SET
                    content_hash = excluded.content_hash, changed_at = excluded.changed_at
                """)
            return now
        }
    }

    /// Records that `token`'s feed was served during `hour` (such as `2026-12-04T10`), with its
    /// ledger entry, unless that hour is recorded already. Returns the entry when it was added.
    @discardableResult
    public func recordFeedServed(token: Int64, hour: String, entry: LedgerDraft) throws(StoreError) -> LedgerEntry? {
        try inTransaction { () throws(StoreError) in
            let added = try database.run(
                "INSERT INTO feed_serves (token_id, hour) VALUES (\(token), \(hour)) ON CONFLICT DO NOTHING")
            return added > 0 ? try append(entry) : nil
        }
    }

    private static func feedToken(_ row: SQLiteRow) throws(StoreError) -> FeedToken {
        guard let created = LedgerTime.parse(row.text(2)) else {
            throw StoreError(.corrupt, "a feed token row has an unreadable date")
        }
        return FeedToken(
            id: row.int64(0), user: row.text(1), createdAt: created,
            revokedAt: row.optionalText(3).flatMap(LedgerTime.parse))
    }
}
