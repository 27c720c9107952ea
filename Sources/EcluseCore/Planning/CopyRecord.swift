import Foundation

/// A copy Ecluse made at a destination, as the copies table remembers it.
public struct CopyRecord: Sendable, Hashable, Codable {
    public var collection: CollectionKey
    public var subject: SubjectID
    public var copyUID: String
    /// Where the destination keeps the item (a file name, an href).
    public var remoteID: String
    /// Where the collection was when the copy was written (a folder, an address book URL).
    public var location: String
    /// The destination's version tag after Ecluse's last write, if it gives one.
    public var etag: String?
    public var contentHash: String
    /// The field paths the copy carries, for reports and audits.
    public var fields: [String]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        collection: CollectionKey,
        subject: SubjectID,
        copyUID: String,
        remoteID: String,
        location: String = "",
        etag: String?,
        contentHash: String,
        fields: [String],
        createdAt: Date,
        updatedAt: Date
    ) {
        self.collection = collection
        self.subject = subject
        self.copyUID = copyUID
        self.remoteID = remoteID
        self.location = location
        self.etag = etag
        self.contentHash = contentHash
        self.fields = fields
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
