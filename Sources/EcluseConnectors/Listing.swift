import EcluseCore

/// What the collection holds now, and where to start the next listing from.
public struct Listing: Sendable, Hashable {
    public var items: [RemoteItem]
    /// The connector's own note of the collection's state (a sync token, a collection tag);
    /// nil when it has none. The caller keeps it as it is and hands it back next time.
    public var state: String?

    public init(items: [RemoteItem], state: String?) {
        self.items = items
        self.state = state
    }
}
