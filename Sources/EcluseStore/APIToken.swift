import Foundation

/// A token for the JSON API, as the store keeps it: never the token, only its SHA-256.
public struct APIToken: Sendable, Hashable {
    public var id: Int64
    /// The login of the account whose role the token carries.
    public var login: String
    /// What the token is for, as its issuer named it ("crm-bridge").
    public var name: String
    public var createdAt: Date
    /// When the token stopped working; a revoked token is answered like an unknown one.
    public var revokedAt: Date?

    public init(id: Int64, login: String, name: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.login = login
        self.name = name
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isActive: Bool { revokedAt == nil }
}
