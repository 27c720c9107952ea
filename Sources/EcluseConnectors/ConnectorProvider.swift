import EcluseCore

/// Makes the connectors of a sync, and says where each collection lives.
///
/// A location is what the policy's settings resolve to for one collection: a folder path, an
/// address book URL. Each copy records the location it was written to, so that when a
/// destination moves (its `path` or `url` changes) the copies left at the old place are
/// taken back from there instead of being forgotten.
public protocol ConnectorProvider {
    /// Where `collection` of `destination` lives under the current policy.
    func location(of destination: Destination, collection: CollectionKey) throws -> String

    /// The connector for `collection` of `destination` at `location` (current or former).
    func connector(for destination: Destination, collection: CollectionKey, at location: String) throws
        -> any Connector
}
