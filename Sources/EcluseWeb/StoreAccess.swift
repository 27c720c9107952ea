import EcluseStore
import Synchronization

/// One SQLite connection for the web app, used by one handler at a time.
///
/// Handlers run concurrently on a dispatch queue; a `SQLiteStore` is confined to one caller
/// at a time, so every use goes through the lock. Requests are short (a page, a download), so
/// queueing on one connection costs less than opening one per request. Under heavy load the
/// lock bounds throughput (known gap, docs/known-gaps.md).
final class StoreAccess: Sendable {
    // The store is only touched while `lock` is held; that confinement is what makes this
    // class safe to share.
    private nonisolated(unsafe) let store: SQLiteStore
    private let lock = Mutex(())

    init(path: String) throws(StoreError) {
        store = try SQLiteStore(path: path)
    }

    /// Runs `body` with the store, alone.
    func use<T>(_ body: (SQLiteStore) throws -> T) throws -> T {
        try lock.withLock { _ in try body(store) }
    }

    func close() { lock.withLock { _ in store.close() } }
}
