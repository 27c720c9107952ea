import EcluseTesting
import Foundation
import Testing

@Suite("ecluse usage")
struct UsageTests {
    static let commands = [
        "init", "import", "plan", "sync", "contacts", "ledger verify", "ledger show", "policy check",
    ]

    @Test(arguments: commands)
    func helpWorksOnEverySubcommand(_ command: String) throws {
        let workspace = CLIWorkspace()

        let result = try EcluseProcess.run(
            command.split(separator: " ").map(String.init) + ["--help"], scratch: workspace.folder.url)

        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.hasPrefix("Usage: ecluse \(command)"), "\(result)")
    }

    @Test func anUnknownOptionIsRefusedWithAHint() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()

        let result = try workspace.ecluse("sync", "--bogus")

        #expect(result.exitCode == 2)
        #expect(
            result.stderr == """
                error: unknown option --bogus for `ecluse sync`
                hint: run `ecluse sync --help` to see what it takes

                """)
    }

    @Test func anUnknownCommandIsRefusedWithAHint() throws {
        let workspace = CLIWorkspace()

        let result = try workspace.ecluse("frobnicate")

        #expect(result.exitCode == 2)
        #expect(
            result.stderr == """
                error: unknown command `frobnicate`
                hint: run `ecluse --help` to see the commands

                """)
    }

    @Test(arguments: [["contacts"], ["sync"], ["ledger", "verify"], ["import", "crm.vcf"]])
    func aFolderNeverInitialisedPointsToInit(_ command: [String]) throws {
        let workspace = CLIWorkspace()
        try workspace.folder.write("data/policy.yaml", workspace.teamPolicy())
        try workspace.writeCards("crm.vcf", 1...2)

        let result = try EcluseProcess.run(
            ["--data", workspace.dataFolder] + command.map { $0 == "crm.vcf" ? workspace.folder.file($0) : $0 },
            scratch: workspace.folder.url)

        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("error: no Ecluse data folder at \(workspace.dataFolder)"), "\(result)")
        #expect(result.stderr.contains("hint: run `ecluse init` first"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: workspace.databasePath))
    }
}
