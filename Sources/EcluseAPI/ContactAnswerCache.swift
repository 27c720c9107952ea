import Synchronization

/// The JSON answer of each contact asked for lately, kept with the stored text it was made
/// from and reused while that text is unchanged.
///
/// Decoding a stored contact and encoding its answer is most of the cost of
/// `GET /api/v1/contacts/{id}` (docs/benchmarks.md). Comparing the stored text instead costs
/// little, and any change to the contact changes that text, so no stale answer is served.
final class ContactAnswerCache: Sendable {
    struct Entry: Sendable {
        var storedText: String
        /// The contact's owner, which decides who may see it.
        var owner: String?
        var answer: [UInt8]
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 4_096) { self.capacity = capacity }

    /// The entry for `id` made from `storedText`, made with `make` when there is none.
    func entry(for id: String, storedText: String, make: () throws -> Entry) rethrows -> Entry {
        if let kept = entries.withLock({ $0[id] }), kept.storedText == storedText { return kept }
        let made = try make()
        entries.withLock { entries in
            // Dropping everything when full keeps the bound with no bookkeeping per hit.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = made
        }
        return made
    }
}
