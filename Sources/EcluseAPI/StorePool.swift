import EcluseStore
import Synchronization

/// Open SQLite connections kept between requests, each lent to one request at a time.
///
/// Opening the store checks its migrations and reads its key: about as long as answering a
/// small request, so the API keeps a few connections open instead (docs/benchmarks.md).
final class StorePool: Sendable {
    /// One open store. `@unchecked Sendable` because a lease is used by one thread at a time:
    /// it is taken out of the pool, used, and only then put back.
    private final class Lease: @unchecked Sendable {
        let store: SQLiteStore
        init(_ store: SQLiteStore) { self.store = store }
    }

    private let path: String
    private let capacity: Int
    private let idle = Mutex<[Lease]>([])

    init(path: String, capacity: Int = 8) {
        self.path = path
        self.capacity = capacity
    }

    /// Runs `body` with a store no other request uses meanwhile.
    func withStore<T>(_ body: (SQLiteStore) throws -> T) throws -> T {
        let lease = try idle.withLock { $0.popLast() } ?? Lease(try SQLiteStore(path: path))
        defer {
            let kept = idle.withLock { leases in
                guard leases.count < capacity else { return false }
                leases.append(lease)
                return true
            }
            if !kept { lease.store.close() }
        }
        return try body(lease.store)
    }

    /// Closes the connections not lent out.
    func close() {
        for lease in idle.withLock({ leases in
            defer { leases = [] }; return leases
        }) { lease.store.close() }
    }
}
