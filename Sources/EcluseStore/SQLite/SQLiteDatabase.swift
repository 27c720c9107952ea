import CSQLite
import Foundation

/// One connection to an SQLite database file.
///
/// Holds a C handle, so it is confined to one thread at a time and deliberately not
/// `Sendable`. Statements are prepared once and cached; they are finalised when the
/// connection closes. The connection runs in WAL mode with foreign keys on and a busy
/// timeout, so a reader and a writer can work at the same time.
public final class SQLiteDatabase {
    private typealias Handle = OpaquePointer
    private var handle: Handle?
    private var statements: [String: SQLiteStatement] = [:]
    private var depth = 0
    /// Counts rollbacks, so that a cache of rows read or written can tell it may be stale.
    private(set) var rollbacks = 0
    public let path: String

    public init(path: String) throws(StoreError) {
        Self.configureOnce
        self.path = path
        var db: Handle?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let text = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw StoreError(
                .open, "cannot open the database \(path): \(text)",
                fix: "check that the data folder exists and is writable (ecluse init creates it)")
        }
        handle = db
        sqlite3_busy_timeout(db, 5_000)
        // 16 KiB pages for a new store (an existing one keeps its own): an import of 100,000
        // cards wrote half the system time and ran about 5% faster than with 4 KiB pages.
        try execute(unsafeSQL: "PRAGMA page_size = 16384")
        try execute(unsafeSQL: "PRAGMA journal_mode = WAL")
        try execute(unsafeSQL: "PRAGMA foreign_keys = ON")
        try execute(unsafeSQL: "PRAGMA synchronous = NORMAL")
        // A larger page cache and memory-mapped reads: with SQLite's 2 MiB default, an import
        // spent a fifth of its time in pread() fetching index pages again and again.
        try execute(unsafeSQL: "PRAGMA cache_size = -65536")
        try execute(unsafeSQL: "PRAGMA mmap_size = 268435456")
        // Statement journals in memory: every write inside a transaction that fires a trigger
        // or checks a foreign key keeps the pages it changes until it ends, and in a temporary
        // file these cost an import of 100,000 cards four million pwrite() calls.
        try execute(unsafeSQL: "PRAGMA temp_store = MEMORY")
    }

    deinit { close() }

    /// Process-wide settings SQLite takes only before its first connection.
    private static let configureOnce: Void = { _ = csqlite_disable_memory_statistics() }()

    /// Finalises every statement and closes the connection; later calls fail.
    public func close() {
        statements.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Runs statements that take no parameters (schema, pragmas).
    public func execute(unsafeSQL text: String) throws(StoreError) {
        guard let handle else { throw StoreError(.statement, "the database is closed") }
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, text, nil, nil, &message)
        if code != SQLITE_OK {
            let detail = message.map { String(cString: $0) } ?? "error \(code)"
            sqlite3_free(message)
            throw StoreError(code == SQLITE_BUSY ? .busy : .statement, "SQLite: \(detail)")
        }
    }

    /// Runs a statement and discards any rows; returns the number of rows changed.
    @discardableResult
    public func run(_ sql: SQL) throws(StoreError) -> Int {
        try withStatement(sql) { statement throws(StoreError) in
            while try statement.step() {}
        }
        return Int(sqlite3_changes(handle))
    }

    /// Runs a query and maps each row.
    public func query<T>(_ sql: SQL, _ map: (SQLiteRow) throws(StoreError) -> T) throws(StoreError) -> [T] {
        try withStatement(sql) { statement throws(StoreError) in
            var rows: [T] = []
            while try statement.step() { rows.append(try map(SQLiteRow(statement: statement))) }
            return rows
        }
    }

    /// The first row of a query, mapped, or nil.
    public func first<T>(_ sql: SQL, _ map: (SQLiteRow) throws(StoreError) -> T) throws(StoreError) -> T? {
        try withStatement(sql) { statement throws(StoreError) in
            try statement.step() ? try map(SQLiteRow(statement: statement)) : nil
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// Transactions nest: an inner one is a savepoint of the outer, so a store method that is
    /// atomic on its own stays atomic inside a caller's larger transaction.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let savepoint = "ecluse_\(depth)"
        try execute(unsafeSQL: depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT \(savepoint)")
        depth += 1
        do {
            let value = try body()
            depth -= 1
            try execute(unsafeSQL: depth == 0 ? "COMMIT" : "RELEASE \(savepoint)")
            return value
        } catch {
            depth -= 1
            try? execute(unsafeSQL: depth == 0 ? "ROLLBACK" : "ROLLBACK TO \(savepoint); RELEASE \(savepoint)")
            rollbacks += 1
            throw error
        }
    }

    private func withStatement<T>(
        _ sql: SQL, _ body: (SQLiteStatement) throws(StoreError) -> T
    ) throws(StoreError) -> T {
        guard let handle else { throw StoreError(.statement, "the database is closed") }
        let statement: SQLiteStatement
        if let cached = statements[sql.template] {
            statement = cached
        } else {
            statement = try SQLiteStatement(database: handle, text: sql.text { "?\($0)" })
            statements[sql.template] = statement
        }
        defer { statement.reset() }
        try statement.bind(sql.values)
        return try body(statement)
    }
}
