import EcluseCore

/// A logged-in user as a handler sees them: who, with which role, and the form token.
struct Session: Sendable {
    var login: String
    var role: Account.Role
    /// The token every form of the session carries in a hidden field, checked on each POST.
    var csrfToken: String
    /// The SHA-256 of the session id, how the store knows the session.
    var idHash: String
}
