import Foundation
import Testing

/// `ecluse token add`, `ecluse tokens` and `ecluse token revoke` as an operator sees them: the
/// secret once, never again, and only its hash in the database.
@Suite("ecluse token and ecluse tokens")
struct TokenCommandTests {
    @Test func aTokenIsPrintedOnceListedWithoutItsSecretAndRevoked() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.ecluse(
            "user", "add", "ana", "--role", "admin", environment: ["ECLUSE_PASSWORD": "invented-password"])

        let added = try workspace.succeed("token", "add", "ana", "--name", "crm-bridge")
        let token = try #require(added.stdout.split(separator: "\n").first.map(String.init))
        #expect(token.count == 43)
        #expect(added.stdout.contains("Token 1 for ana"))

        let listed = try workspace.succeed("tokens")
        #expect(listed.stdout.contains("1 · ana · crm-bridge"))
        #expect(listed.stdout.contains("active"))
        #expect(!listed.stdout.contains(token))
        let database = try Data(contentsOf: URL(fileURLWithPath: workspace.databasePath))
        #expect(database.range(of: Data(token.utf8)) == nil)

        try workspace.succeed("token", "revoke", "1")
        #expect(try workspace.succeed("tokens").stdout.contains("revoked"))
        #expect(try workspace.ecluse("token", "revoke", "1").exitCode != 0)
    }

    @Test func aTokenNeedsAnAccount() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let result = try workspace.ecluse("token", "add", "nobody")
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("ecluse user add nobody"))
    }
}
