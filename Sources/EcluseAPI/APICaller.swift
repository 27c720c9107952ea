import EcluseCore

/// Who is calling the API: the account behind the bearer token, with its role.
public struct APICaller: Sendable, Equatable {
    public var login: String
    public var role: Account.Role

    public init(login: String, role: Account.Role) {
        self.login = login
        self.role = role
    }

    /// Who calls a public route (the OpenAPI document): the least of the roles, no login.
    static let anonymous = APICaller(login: "", role: .sales)

    /// The owner whose records the caller is limited to: their own login for sales, nil
    /// (everyone's) for admin and dpo.
    public var ownerFilter: String? { role == .sales ? login : nil }
}
