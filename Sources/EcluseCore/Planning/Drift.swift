import Foundation

/// A copy that someone else changed or removed at the destination since Ecluse wrote it.
public struct Drift: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The item is there with another version tag.
        case changed
        /// The item is gone.
        case deleted
    }

    public var record: CopyRecord
    public var kind: Kind
    /// The item's version tag now; nil when it is gone.
    public var remoteETag: String?

    public init(record: CopyRecord, kind: Kind, remoteETag: String?) {
        self.record = record
        self.kind = kind
        self.remoteETag = remoteETag
    }

    /// The drifted copies among `records`, given what the collection lists now.
    ///
    /// Only copies with a recorded version tag can be judged: without one, a change cannot be
    /// told from Ecluse's own write. A copy that reported drift as gone has its tag cleared, so
    /// it is reported once.
    public static func find(in records: [CopyRecord], listed: [RemoteItem]) -> [Drift] {
        let tags = Dictionary(listed.map { ($0.remoteID, $0.etag) }, uniquingKeysWith: { first, _ in first })
        return records.compactMap { record in
            guard let etag = record.etag else { return nil }
            guard let listedTag = tags[record.remoteID] else {
                return Drift(record: record, kind: .deleted, remoteETag: nil)
            }
            guard let listedTag, Self.normalised(listedTag) != Self.normalised(etag) else { return nil }
            return Drift(record: record, kind: .changed, remoteETag: listedTag)
        }
    }

    /// A version tag without the weak marker and quotes, which servers add or drop between a
    /// PUT's answer and a listing (RFC 9110 §8.8.3).
    static func normalised(_ tag: String) -> Substring {
        var tag = Substring(tag.trimmingCharacters(in: .whitespaces))
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        if tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\"") { tag = tag.dropFirst().dropLast() }
        return tag
    }
}
