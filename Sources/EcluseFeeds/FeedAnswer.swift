import Foundation

/// What a feed request gets.
public enum FeedAnswer: Sendable, Equatable {
    /// An unknown, revoked or malformed token, or no feed in the policy: all look the same.
    case notFound
    /// The client's copy is current (`If-None-Match` or `If-Modified-Since`).
    case notModified(etag: String, lastModified: Date)
    case calendar(body: [UInt8], etag: String, lastModified: Date)
}
