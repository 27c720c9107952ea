/// A person who uses Ecluse: a salesperson who owns contacts, a DPO, an administrator.
///
/// Per-user destinations hold one collection for each user; a user's contacts are the ones
/// whose `Contact.owner` is the user's login.
public struct User: Sendable, Hashable, Codable {
    public var login: String
    public var displayName: String
    /// The user's work address, used to recognise them as the organiser of an appointment.
    public var email: String?

    public init(login: String, displayName: String? = nil, email: String? = nil) {
        self.login = login
        self.displayName = displayName ?? login
        self.email = email
    }
}
