import EcluseTesting
import Foundation
import Testing

@Suite("ecluse ledger verify")
struct LedgerVerifyCommandTests {
    /// One way to break the ledger behind Ecluse's back, and the entry verify must name.
    struct Tampering: CustomStringConvertible, Sendable {
        var description: String
        var sql: String
        var firstBadEntry: Int
    }

    static let columns =
        "recorded_at, action, destination, collection_user, subject, copy_uid, content_hash, fields, "
        + "policy_version, previous_hash, hash"

    static let tamperings = [
        Tampering(
            description: "one column of one row changed", sql: "UPDATE ledger SET fields = 'name' WHERE sequence = 2",
            firstBadEntry: 2),
        Tampering(description: "a middle row deleted", sql: "DELETE FROM ledger WHERE sequence = 2", firstBadEntry: 2),
        Tampering(
            description: "two rows' subjects and copies swapped",
            sql: """
                CREATE TEMP TABLE kept AS SELECT * FROM ledger WHERE sequence IN (2, 3);
                UPDATE ledger SET
                  subject = (SELECT subject FROM kept WHERE kept.sequence = 5 - ledger.sequence),
                  copy_uid = (SELECT copy_uid FROM kept WHERE kept.sequence = 5 - ledger.sequence)
                WHERE sequence IN (2, 3);
                """,
            firstBadEntry: 2),
        Tampering(
            description: "two whole rows swapped",
            sql: """
                CREATE TEMP TABLE kept AS SELECT * FROM ledger WHERE sequence IN (2, 3);
                UPDATE ledger SET (\(columns)) =
                  (SELECT \(columns) FROM kept WHERE kept.sequence = 5 - ledger.sequence)
                WHERE sequence IN (2, 3);
                """,
            firstBadEntry: 2),
        Tampering(description: "the last row deleted", sql: "DELETE FROM ledger WHERE sequence = 4", firstBadEntry: 4),
        Tampering(
            description: "the whole ledger and its head deleted",
            sql: "DELETE FROM ledger; DELETE FROM meta WHERE key = 'ledger-head'", firstBadEntry: 1),
        Tampering(
            description: "the last row and the head moved back together",
            sql: """
                DELETE FROM ledger WHERE sequence = 4;
                UPDATE meta SET value = CAST((SELECT sequence || ' ' || hash FROM ledger WHERE sequence = 3) AS BLOB)
                WHERE key = 'ledger-head';
                """,
            firstBadEntry: 3),
        Tampering(
            description: "the head overwritten", sql: "UPDATE meta SET value = 'garbage' WHERE key = 'ledger-head'",
            firstBadEntry: 0),
    ]

    @Test(arguments: tamperings)
    func aTamperedLedgerFailsVerificationNamingTheFirstBadEntry(_ tampering: Tampering) throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...4))
        try workspace.succeed("sync")
        let intact = try workspace.ecluse("ledger", "verify")

        try workspace.tamper(tampering.sql)
        let broken = try workspace.ecluse("ledger", "verify")
        let brokenJSON = try workspace.ecluse("ledger", "verify", "--json")

        #expect(intact.exitCode == 0, "\(intact)")
        #expect(intact.stdout.hasPrefix("Ledger verified: 4 entries, head "))
        #expect(broken.exitCode == 3, "\(broken)")
        #expect(broken.stdout.hasPrefix("Ledger broken at entry \(tampering.firstBadEntry)"), "\(broken)")
        #expect(brokenJSON.exitCode == 3)
        let json = try #require(try workspace.json(brokenJSON) as? [String: Any])
        #expect(json["status"] as? String == "broken")
        #expect(json["entry"] as? String == "\(tampering.firstBadEntry)")
    }
}
