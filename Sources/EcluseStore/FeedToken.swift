import Foundation

/// A user's calendar feed token, as the store keeps it: never the token, only its SHA-256.
public struct FeedToken: Sendable, Hashable {
    public var id: Int64
    public var user: String
    public var createdAt: Date
    /// When the token stopped working; a revoked token is answered like an unknown one.
    public var revokedAt: Date?

    public init(id: Int64, user: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.user = user
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isActive: Bool { revokedAt == nil }
}
