import EcluseTesting
import Foundation
import Testing

@Suite("--json output")
struct JSONOutputTests {
    static let commands: [[String]] = [
        ["contacts", "--json"], ["plan", "--json"], ["plan", "--explain", "--json"], ["ledger", "show", "--json"],
        ["ledger", "verify", "--json"], ["policy", "check", "--json"], ["import", "crm.vcf", "--json"],
        ["sync", "--json"],
    ]

    @Test(arguments: commands)
    func jsonOutputParses(_ command: [String]) throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let file = try workspace.writeCards("crm.vcf", 1...3)
        try workspace.succeed("import", file)
        try workspace.succeed("sync")

        let result = try EcluseProcess.run(
            ["--data", workspace.dataFolder] + command.map { $0 == "crm.vcf" ? file : $0 },
            scratch: workspace.folder.url)

        #expect(result.exitCode == 0, "\(result)")
        let parsed = try workspace.json(result)
        #expect(parsed is [Any] || parsed is [String: Any], "\(result.stdout)")
    }
}
