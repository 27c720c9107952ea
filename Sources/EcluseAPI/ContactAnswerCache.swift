import Synchronization

/// The JSON answer of each contact asked for lately, kept with the store's count of subject
/// changes when it was made, and reused while no subject changed since.
///
/// Decoding a stored contact and encoding its answer is most of the cost of
/// `GET /api/v1/contacts/{id}` (docs/benchmarks.md). The count is moved by a trigger on every
/// change to any contact, by any writer, and never goes back, so no stale answer is served;
/// reading it costs one small query.
final class ContactAnswerCache: Sendable {
    struct Entry: Sendable {
        /// The store's count of subject changes when the answer was made.
        var version: Int64
        /// The contact's owner, which decides who may see it.
        var owner: String?
        var answer: [UInt8]
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 4_096) { self.capacity = capacity }

    /// The entry for `id` made at `version`, made with `make` when there is none.
    func entry(for id: String, version: Int64, make: () throws -> Entry?) rethrows -> Entry? {
        if let kept = entries.withLock({ $0[id] }), kept.version == version { return kept }
        guard let made = try make() else { return nil }
        entries.withLock { entries in
            // Dropping everything when full keeps the bound with no bookkeeping per hit.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = made
        }
        return made
    }
}
