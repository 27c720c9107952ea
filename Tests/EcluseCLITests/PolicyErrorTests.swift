import EcluseTesting
import Foundation
import Testing

@Suite("a malformed policy")
struct PolicyErrorTests {
    /// One mistake in the shared team-folder policy, where it is, and how the error reads.
    struct Mistake: CustomStringConvertible, Sendable {
        var description: String
        var replacing: String
        var with: String
        var location: String
        var message: String
    }

    static let mistakes = [
        Mistake(
            description: "an unknown key", replacing: "    residency: eu\n",
            with: "    residency: eu\n    colour: blue\n",
            location: "14:5", message: "unknown key \"colour\" in destination \"team-folder\""),
        Mistake(
            description: "a rule naming an undeclared destination", replacing: "    to: team-folder",
            with: "    to: nowhere", location: "16:9",
            message: "rule 1 names the destination \"nowhere\", which the policy does not declare"),
    ]

    @Test(arguments: mistakes)
    func aMalformedPolicyIsRefusedWithItsLineAndNothingIsSent(_ mistake: Mistake) throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...3))
        let policyFile = workspace.folder.file("data/policy.yaml")
        let broken = workspace.teamPolicy().replacingOccurrences(of: mistake.replacing, with: mistake.with)
        try workspace.folder.write("data/policy.yaml", broken)

        let check = try workspace.ecluse("policy", "check")
        let sync = try workspace.ecluse("sync")

        for result in [check, sync] {
            #expect(result.exitCode == 2, "\(result)")
            #expect(result.stderr.contains("\(policyFile):\(mistake.location): \(mistake.message)"), "\(result)")
            #expect(result.stderr.contains("hint: fix the lines named above, then run `ecluse policy check`"))
        }
        let written = (try? workspace.vcfFiles(in: workspace.teamFolder)) ?? [:]
        #expect(written.isEmpty)
        let ledger = try workspace.succeed("ledger", "show", "--json")
        #expect(try workspace.json(ledger) as? [Any] != nil)
        #expect((try workspace.json(ledger) as? [Any])?.isEmpty == true)
    }
}
