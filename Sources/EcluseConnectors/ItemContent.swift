/// One item as the collection holds it: its body and version tag.
public struct ItemContent: Sendable, Hashable {
    public var remoteID: String
    public var etag: String?
    /// The item as the destination stores it; personal data.
    public var bytes: [UInt8]

    public init(remoteID: String, etag: String?, bytes: [UInt8]) {
        self.remoteID = remoteID
        self.etag = etag
        self.bytes = bytes
    }
}
