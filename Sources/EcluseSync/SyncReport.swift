import EcluseCore

/// What one sync did, per collection.
public struct SyncReport: Sendable {
    public var collections: [CollectionReport]

    public init(collections: [CollectionReport]) { self.collections = collections }

    public var succeeded: Bool { collections.allSatisfy { $0.error == nil && $0.failed == 0 } }
}

/// What one sync did in one collection.
public struct CollectionReport: Sendable {
    public var collection: CollectionKey
    public var created = 0
    public var updated = 0
    public var deleted = 0
    public var failed = 0
    /// Copies someone else changed or removed that were written back, among `updated`.
    public var restored = 0
    /// Copies someone else changed or removed that were left as they are and recorded.
    public var driftReported = 0
    /// Why the collection could not be checked for drift, if it could not.
    public var driftUnchecked: String?
    /// Why items were refused, without personal data.
    public var failures: [String] = []
    /// Why the whole collection could not be synced, if it could not.
    public var error: String?
    /// Why the collection received nothing new (its attestations lapsed), if it did not.
    public var heldBack: String?

    public init(collection: CollectionKey, error: String? = nil) {
        self.collection = collection
        self.error = error
    }

    var attempted: Int { created + updated + deleted + failed }
}

/// A sync could not start or go on; the message says what to do.
public struct SyncError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var fix: String?

    public init(_ message: String, fix: String? = nil) {
        self.message = message
        self.fix = fix
    }

    public var description: String { fix.map { "\(message). \($0)" } ?? message }
}
