import Foundation
import Synchronization

/// The feeds built lately, so that a phone polling an unchanged feed costs a few lookups.
///
/// An entry holds while the store is where it stood when the feed was built (no subject,
/// appointment, user or attestation changed: see the store's revision), the policy is the
/// same, and its next deadline has not come; then it is built again. It also remembers which
/// hours were ledgered already, so that serving a feed does not write to the store each time.
final class FeedCache: Sendable {
    /// One feed as it was built.
    struct Entry: Sendable {
        var revision: Int64
        var subjectChanges: Int64
        var policyVersion: String
        /// The feed is built again from this moment: its first deadline, at most an hour on.
        var validUntil: Date
        var body: [UInt8]
        var etag: String
        var contentHash: String
        var lastModified: Date
        var fields: [String]
        var destination: String
    }

    /// More tokens than this and the cache starts afresh: it is a cache, not a store.
    static let capacity = 10_000

    private let entries = Mutex<[Int64: Entry]>([:])
    private let ledgered = Mutex<Set<String>>([])

    func entry(for token: Int64, revision: Int64, subjectChanges: Int64, policyVersion: String, at now: Date)
        -> Entry?
    {
        guard let entry = entries.withLock({ $0[token] }), entry.revision == revision,
            entry.subjectChanges == subjectChanges, entry.policyVersion == policyVersion, now < entry.validUntil
        else { return nil }
        return entry
    }

    func remember(_ entry: Entry, for token: Int64) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[token] = entry
        }
    }

    /// Whether `token`'s serving during `hour` is to be ledgered: true the first time only.
    func firstServing(of token: Int64, in hour: String) -> Bool {
        ledgered.withLock { seen in
            if seen.count >= Self.capacity { seen.removeAll() }
            return seen.insert("\(token)@\(hour)").inserted
        }
    }
}
