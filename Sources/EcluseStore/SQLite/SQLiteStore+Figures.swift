import EcluseCore
import EcluseLedger
import Foundation

/// What `/metrics` shows of the store: counts only, never a subject.
public struct StoreFigures: Sendable, Hashable {
    /// Per destination: the copies out there, and how many of them carry fields.
    public var copies: [String: CopyCount]
    /// Syncs run on this data folder, by any process (`ecluse sync`, each pass of `ecluse run`).
    public var syncRuns: Int64
    public var ledgerEntries: Int64

    public struct CopyCount: Sendable, Hashable {
        public var all: Int
        public var carrying: Int
    }
}

extension SQLiteStore {
    /// Counts one more sync of this data folder.
    public func countSyncRun() throws(StoreError) {
        try database.run(
            "INSERT INTO meta (key, value) VALUES ('sync-runs', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1")
    }

    public func figures() throws(StoreError) -> StoreFigures {
        let rows = try database.query(
            """
            SELECT destination, COUNT(*), SUM(CASE WHEN fields = '' THEN 0 ELSE 1 END)
            FROM copies GROUP BY destination ORDER BY destination
            """
        ) { ($0.text(0), $0.int(1), $0.int(2)) }
        var copies: [String: StoreFigures.CopyCount] = [:]
        for (destination, all, carrying) in rows {
            copies[destination] = StoreFigures.CopyCount(all: all, carrying: carrying)
        }
        let runs = try database.first("SELECT value FROM meta WHERE key = 'sync-runs'") { $0.int64(0) } ?? 0
        return StoreFigures(copies: copies, syncRuns: runs, ledgerEntries: try ledgerHead().sequence)
    }
}
