/// A person who uses Ecluse: a salesperson who owns contacts, a DPO, an administrator.
///
/// Per-user destinations hold one collection for each user; a user's contacts are the ones
/// whose `Contact.owner` is the user's login.
public struct User: Sendable, Hashable, Codable {
    public var login: String
    public var displayName: String

    public init(login: String, displayName: String? = nil) {
        self.login = login
        self.displayName = displayName ?? login
    }
}
