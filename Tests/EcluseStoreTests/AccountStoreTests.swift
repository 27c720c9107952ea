import EcluseCore
import EcluseCrypto
import EcluseStore
import EcluseTesting
import Foundation
import Testing

@Suite("Accounts in the SQLite store")
struct AccountStoreTests {
    let folder = TemporaryFolder()

    private func account(_ login: String, _ role: Account.Role) -> Account {
        Account(
            login: login, role: role,
            passwordHash: PasswordHash.make(password: "a passphrase for \(login)", cost: .init(logN: 4, r: 8, p: 1)),
            createdAt: Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test func anAccountReadsBackWithItsRoleAndAWorkingHash() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        defer { store.close() }
        try store.add(account("dana", .dpo))
        try store.add(account("alex", .admin))

        let read = try #require(try store.account(login: "dana"))

        #expect(read.role == .dpo)
        #expect(read.createdAt == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(read.passwordHash.verifies("a passphrase for dana"))
        #expect(try store.accounts().map(\.login) == ["alex", "dana"])
        #expect(try store.account(login: "nobody") == nil)
    }

    @Test func aSecondAccountForOneLoginIsRefused() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        defer { store.close() }
        try store.add(account("sam", .sales))

        #expect {
            try store.add(account("sam", .admin))
        } throws: { error in
            (error as? StoreError)?.code == .constraint
        }
    }
}
