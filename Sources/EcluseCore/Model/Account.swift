import EcluseCrypto
import Foundation

/// A user's way into Ecluse's web pages and API: a login, a role and a password hash.
///
/// The login is a `User`'s login; the role decides what the account may see and do.
public struct Account: Sendable, Equatable {
    /// What an account may do, from the most to the least.
    public enum Role: String, Sendable, CaseIterable, Codable {
        /// Installs, connects destinations, manages accounts.
        case admin
        /// The data protection officer: the ledger, the reports, the people's requests.
        case dpo
        /// A salesperson: their own contacts and appointments.
        case sales
    }

    public var login: String
    public var role: Role
    public var passwordHash: PasswordHash
    public var createdAt: Date

    public init(login: String, role: Role, passwordHash: PasswordHash, createdAt: Date) {
        self.login = login
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
