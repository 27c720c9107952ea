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

    /// Applies `operations` in order and returns one outcome for each, in the same order.
    ///
    /// A create whose UID already exists at the destination (left by a run that crashed after
    /// writing) replaces that item and reports it written, so no duplicate appears. A delete
    /// of an item that is already gone reports `.deleted`. Throws only when the collection as
    /// a whole stops answering; per-item failures are outcomes.
    func apply(_ operations: [PlannedOperation]) throws -> [OperationOutcome]
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
