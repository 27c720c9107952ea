import EcluseLedger

/// Reads the ledger in pages, so verifying a long ledger does not hold it all in memory.
///
/// A class so that a caller can ask, after the walk, whether it stopped on an unreadable entry.
public final class LedgerCursor: Sequence, IteratorProtocol {
    private let store: any Store
    private var page: [LedgerEntry] = []
    private var index = 0
    private var finished = false
    /// The number of the last entry read.
    public private(set) var lastSequence: Int64 = 0
    /// Why the walk stopped early, if an entry could not be read.
    public private(set) var failure: StoreError?

    public init(store: any Store) { self.store = store }

    public func next() -> LedgerEntry? {
        if index == page.count {
            guard !finished else { return nil }
            do { page = try store.ledgerEntries(after: lastSequence, limit: 5_000) } catch {
                failure = error
                page = []
            }
            index = 0
            if page.count < 5_000 { finished = true }
            guard !page.isEmpty else { return nil }
        }
        let entry = page[index]
        index += 1
        lastSequence = entry.sequence
        return entry
    }
}
