import EcluseCrypto

/// One collection at a destination: the destination itself when it is shared, or one user's
/// part of it when it is per-user.
public struct CollectionKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var destination: String
    /// The login of the collection's user; empty for a shared destination.
    public var user: String

    public init(destination: String, user: String? = nil) {
        self.destination = destination
        self.user = user ?? ""
    }

    public var userOrNil: String? { user.isEmpty ? nil : user }

    public var description: String { user.isEmpty ? destination : "\(destination)/\(user)" }

    public static func < (lhs: CollectionKey, rhs: CollectionKey) -> Bool {
        (lhs.destination, lhs.user) < (rhs.destination, rhs.user)
    }

    /// The UID of the copy of `subject` in this collection.
    ///
    /// Derived, not random, so that a create interrupted by a crash is recognised at the
    /// destination on the next run instead of being sent twice (promise 6). It is built from
    /// Ecluse's random subject id, so it says nothing about the person.
    public func copyUID(for subject: SubjectID) -> String {
        let digest = SHA256.digest(Array("ecluse-copy\u{0}\(destination)\u{0}\(user)\u{0}\(subject)".utf8))
        let hex = Hex.encode(digest.prefix(16))
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4),
            hex.dropFirst(16).prefix(4), hex.dropFirst(20),
        ]
        return "ecluse-" + parts.joined(separator: "-")
    }
}
