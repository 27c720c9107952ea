import EcluseTesting
import Foundation
import Testing

/// Promise 2 through the real command: no copy goes to a destination whose required
/// attestations are missing or expired.
@Suite("ecluse attestation")
struct AttestationCommandTests {
    func policy(_ workspace: CLIWorkspace, lapse: String) -> String {
        workspace.teamPolicy()
            .replacingOccurrences(
                of: "    residency: eu\n",
                with: "    residency: eu\n    attestations: [eu-hosting]\n    when-attestations-lapse: \(lapse)\n")
    }

    func run(_ workspace: CLIWorkspace, at now: String, _ arguments: String...) throws -> EcluseProcess.Result {
        try EcluseProcess.run(
            ["--data", workspace.dataFolder] + arguments, environment: ["ECLUSE_NOW": now],
            scratch: workspace.folder.url)
    }

    @Test func nothingLeavesUntilTheAttestationIsFiledAndNothingNewAfterItExpires() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise(policy: policy(workspace, lapse: "freeze"))
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...3))

        let before = try run(workspace, at: "2026-12-01T09:00:00Z", "sync")
        #expect(before.exitCode == 0)
        #expect(
            before.stdout.contains(
                "team-folder: 0 created, 0 updated, 0 deleted; held back: no attestation on file for eu-hosting"))
        #expect(before.stderr.contains("warning: team-folder receives nothing new"))
        #expect(!FileManager.default.fileExists(atPath: workspace.teamFolder.path))

        let document = try workspace.folder.write("eu-hosting.pdf", "an invented attestation")
        let added = try run(
            workspace, at: "2026-12-01T09:00:00Z", "attestation", "add", "team-folder", "eu-hosting", "--issuer",
            "Hébergeur Exemple", "--expires", "2026-12-31", "--document", document)
        #expect(added.exitCode == 0, "\(added)")
        let listed = try run(workspace, at: "2026-12-01T09:00:00Z", "attestations")
        #expect(listed.stdout.contains("team-folder · eu-hosting · valid through 2026-12-31"))
        #expect(listed.stdout.contains("team-folder: eligible"))

        let during = try run(workspace, at: "2026-12-31T23:00:00Z", "sync")
        #expect(during.stdout.contains("team-folder: 3 created"), "\(during)")

        // After the last valid day: a changed phone is not sent, but a deselected contact's copy is taken back.
        let changed = try workspace.writeCards(
            "crm.vcf", 1...3, categories: { $0 == 3 ? "supplier" : "customer" },
            phone: { $0 == 1 ? "+33 1 00 00 00 99" : nil })
        try workspace.succeed("import", changed)
        let after = try run(workspace, at: "2027-01-01T00:00:01Z", "sync")
        let expired =
            "team-folder: 0 created, 0 updated, 1 deleted; held back: the eu-hosting attestation expired on 2026-12-31"
        #expect(after.stdout.contains(expired), "\(after)")
        let files = try workspace.vcfFiles(in: workspace.teamFolder)
        #expect(files.count == 2)
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("00 00 00 99") })
    }

    @Test func withdrawTakesEveryCopyBackWhenTheAttestationLapses() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise(policy: policy(workspace, lapse: "withdraw"))
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...3))
        _ = try run(
            workspace, at: "2026-12-01T09:00:00Z", "attestation", "add", "team-folder", "eu-hosting", "--issuer", "X",
            "--expires", "2026-12-31", "--reference", "DMS-42", "--sha256", String(repeating: "ab", count: 32))
        #expect(try run(workspace, at: "2026-12-02T09:00:00Z", "sync").stdout.contains("3 created"))

        let after = try run(workspace, at: "2027-02-01T09:00:00Z", "sync")

        #expect(after.stdout.contains("team-folder: 0 created, 0 updated, 3 deleted"), "\(after)")
        #expect(try workspace.vcfFiles(in: workspace.teamFolder).isEmpty)
    }

    @Test func badAttestationsAreRefusedWithTheFix() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise(policy: policy(workspace, lapse: "freeze"))
        let cases: [([String], String)] = [
            (
                [
                    "attestation", "add", "nowhere", "eu-hosting", "--issuer", "X", "--expires", "2026-12-31",
                    "--reference", "R",
                    "--sha256", String(repeating: "0", count: 64),
                ], "the policy has no destination nowhere"
            ),
            (
                [
                    "attestation", "add", "team-folder", "eu-hosting", "--issuer", "X", "--expires", "2026-02-30",
                    "--reference", "R", "--sha256", String(repeating: "0", count: 64),
                ], "--expires YYYY-MM-DD"
            ),
            (
                ["attestation", "add", "team-folder", "eu-hosting", "--issuer", "X", "--expires", "2026-12-31"],
                "--document FILE, or both --reference and --sha256"
            ),
            (
                [
                    "attestation", "add", "team-folder", "eu-hosting", "--issuer", "X", "--expires", "2020-01-31",
                    "--reference", "R", "--sha256", String(repeating: "0", count: 64),
                ], "the attestation expired on 2020-01-31, before today"
            ),
            (
                [
                    "attestation", "add", "team-folder", "eu-hosting", "--issuer", "X", "--expires", "2030-01-31",
                    "--document", workspace.policyPath, "--sha256", String(repeating: "0", count: 64),
                ], "not both"
            ),
        ]
        for (arguments, message) in cases {
            let result = try EcluseProcess.run(
                ["--data", workspace.dataFolder] + arguments, scratch: workspace.folder.url)
            #expect(result.exitCode == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result)")
        }
    }
}

@Suite("own-risk destinations")
struct OwnRiskTests {
    @Test func anOwnRiskDestinationIsFlaggedWhereverItAppears() throws {
        let workspace = CLIWorkspace()
        let policy = workspace.teamPolicy()
            .replacingOccurrences(
                of: "    residency: eu\n",
                with: "    residency: own-risk\n    approved-by: Directrice juridique\n    approved-on: 2026-11-02\n")
        try workspace.initialise(policy: policy)
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...2))
        let flag = "[OWN RISK: outside the EU guarantee, accepted by Directrice juridique on 2026-11-02]"

        #expect(try workspace.succeed("policy", "check").stdout.contains("team-folder: " + flag.dropFirst().dropLast()))
        #expect(
            try workspace.succeed("plan").stdout.contains("team-folder: 2 to create, 0 to update, 0 to delete " + flag))
        #expect(try workspace.succeed("sync").stdout.contains("team-folder: 2 created, 0 updated, 0 deleted " + flag))
    }

    @Test func anOwnRiskDestinationWithoutApprovalIsRefused() throws {
        let workspace = CLIWorkspace()
        try workspace.folder.write(
            "policy.yaml", workspace.teamPolicy().replacingOccurrences(of: "residency: eu", with: "residency: own-risk")
        )
        let result = try workspace.ecluse("policy", "check", "--policy", workspace.policyPath)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("approved-by"), "\(result)")
    }
}
