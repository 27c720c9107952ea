import EcluseCore

/// One collection at a destination, seen through the one interface every destination kind
/// implements (vdir, CardDAV, and later Google, Microsoft Graph, an in-memory fake).
///
/// The executor hands a connector batches of planned operations and records each confirmed
/// outcome; a connector never touches the store or the ledger. A connector only ever changes
/// items whose UID it was given (promise 7): it lists and writes Ecluse's items and leaves a
/// user's own items alone.
///
/// Connectors hold handles (files, HTTP connections), so they are confined to one task at a
/// time and are not `Sendable`.
public protocol Connector: AnyObject {
    /// The collection this connector writes to.
    var collection: CollectionKey { get }

    /// How many operations the connector takes in one `apply` call (1 for item-by-item
    /// protocols, up to a provider's batch limit for batch APIs).
    var preferredBatchSize: Int { get }

    /// Makes sure the collection exists and is reachable; creates it when the destination
    /// allows. Throws a `ConnectorError` when it cannot be used at all.
    func prepare() throws

    /// The items the collection holds now, Ecluse's and others'.
    func listItems() throws -> [RemoteItem]

    /// The items of `known` as the collection holds them now, and the collection's state to
    /// start from next time.
    ///
    /// `state` is what an earlier listing of this collection at this place returned, or nil. A
    /// connector that can ask what changed since (RFC 6578 sync-collection, a collection tag)
    /// asks only that; the others list everything. The answer holds each item of `known` that
    /// is still there, with its version tag now, and may hold others. Keep the returned state
    /// only once the listing has been acted on: kept earlier, it would hide the changes it
    /// covered should the run stop before.
    func listItems(known: [RemoteItem], since state: String?) throws -> Listing

    /// The bodies of the items at `remoteIDs` as the collection holds them now, with their
    /// version tags; items that are gone are left out. Bodies carry personal data: never log
    /// them or put them in an error.
    func contents(of remoteIDs: [String]) throws -> [ItemContent]

    /// Applies `operations` in order and returns one outcome for each, in the same order.
    ///
    /// A create whose UID already exists at the destination (left by a run that crashed after
    /// writing) replaces that item and reports it written, so no duplicate appears. A delete
    /// of an item that is already gone reports `.deleted`. Throws only when the collection as
    /// a whole stops answering; per-item failures are outcomes.
    func apply(_ operations: [PlannedOperation]) throws -> [OperationOutcome]
}

extension Connector {
    /// Lists everything: for connectors whose listing is cheap, or that cannot ask for changes.
    public func listItems(known: [RemoteItem], since state: String?) throws -> Listing {
        Listing(items: try listItems(), state: nil)
    }

    /// Reads nothing back: a connector that cannot read its items makes every new version tag
    /// count as drift, since whether the content changed cannot be told.
    public func contents(of remoteIDs: [String]) throws -> [ItemContent] { [] }
}

/// What became of one planned operation.
public enum OperationOutcome: Sendable {
    /// The item was created or updated; this is where it lives now, with its version tag.
    case written(remoteID: String, etag: String?)
    /// The item was removed (or was already gone).
    case deleted
    /// The destination refused or failed this item; the copy row stays as it was.
    case failed(ConnectorError)
}
