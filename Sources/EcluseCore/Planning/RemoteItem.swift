/// An item as the destination lists it.
public struct RemoteItem: Sendable, Hashable {
    public var remoteID: String
    public var etag: String?

    public init(remoteID: String, etag: String?) {
        self.remoteID = remoteID
        self.etag = etag
    }
}
