import EcluseCore
import EcluseCrypto
import EcluseLedger

// Accounts are on the SQLite store only for now, like web sessions; the `Store` interface
// gains them with the PostgreSQL store (known gap, docs/known-gaps.md).
extension SQLiteStore {
    /// Adds `account`; throws `StoreError` with code `.constraint` when its login has one.
    public func add(_ account: Account) throws(StoreError) {
        try database.run(
            """
            INSERT INTO accounts (login, role, password_hash, created_at)
            VALUES (\(account.login), \(account.role.rawValue), \(account.passwordHash.encoded),
                    \(LedgerTime.format(account.createdAt)))
            """)
    }

    /// The account of `login`, or nil.
    public func account(login: String) throws(StoreError) -> Account? {
        try database.first(
            "SELECT login, role, password_hash, created_at FROM accounts WHERE login = \(login)"
        ) { row throws(StoreError) in try Self.account(row) }
    }

    /// Every account, by login.
    public func accounts() throws(StoreError) -> [Account] {
        try database.query("SELECT login, role, password_hash, created_at FROM accounts ORDER BY login") {
            row throws(StoreError) in try Self.account(row)
        }
    }

    private static func account(_ row: SQLiteRow) throws(StoreError) -> Account {
        guard let role = Account.Role(rawValue: row.text(1)), let hash = PasswordHash(encoded: row.text(2)),
            let created = LedgerTime.parse(row.text(3))
        else {
            throw StoreError(
                .corrupt, "an account row cannot be read", fix: "restore the data folder from a backup, or add it again"
            )
        }
        return Account(login: row.text(0), role: role, passwordHash: hash, createdAt: created)
    }
}
