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

    /// Whether `login` can name a user: 1 to 64 letters, digits, `.`, `_`, `-` or `@`,
    /// starting with a letter or a digit.
    ///
    /// A login becomes part of folder paths and URLs (`{user}` in a per-user destination), and
    /// it comes from the CRM export: anything that could climb out of a folder (`..`, `/`) or
    /// change a URL (`?`, `#`, `%`) is refused where it enters.
    public static func isValidLogin(_ login: String) -> Bool {
        let bytes = Array(login.utf8)
        guard (1...64).contains(bytes.count), let first = bytes.first, isAlphanumeric(first) else { return false }
        let allowed = bytes.allSatisfy { isAlphanumeric($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D || $0 == 0x40 }
        return allowed && !login.contains("..")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
