import EcluseTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Promise 6 against the vdir destination: kill a sync at a random moment, run it again, and
/// the folder, the copies table and the ledger agree, with no duplicate and nothing missing.
///
/// `ECLUSE_KILL_RUNS` sets the number of runs (20 by default; `make killtest` runs 200).
@Suite("kill -9 in the middle of a sync")
struct KillTests {
    static var runs: Int { Int(ProcessInfo.processInfo.environment["ECLUSE_KILL_RUNS"] ?? "") ?? 20 }

    @Test func aKilledSyncFollowedByANormalOneLeavesExactlyThePlannedFiles() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        var generator = SeededGenerator(seed: 66)

        for run in 0..<Self.runs {
            // Each run changes some contacts, so that every kind of operation is under way.
            let file = try workspace.writeCards(
                "crm.vcf", 1...500,
                categories: { _ in Int.random(in: 0..<4, using: &generator) == 0 ? "supplier" : "customer" },
                phone: { number in number % 7 == run % 7 ? "+33 1 00 00 \(String(format: "%02d", run % 100)) 00" : nil }
            )
            try workspace.succeed("import", file)

            let process = Process()
            process.executableURL = URL(fileURLWithPath: EcluseProcess.binaryPath)
            process.arguments = ["--data", workspace.dataFolder, "sync"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0..<250_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let after = try workspace.succeed("sync")
            #expect(after.exitCode == 0)
            try check(workspace, run: run)
        }
    }

    /// The folder holds one file per copy row, the plan is empty, and the ledger verifies with
    /// as many creates, less deletes, as there are files.
    private func check(_ workspace: CLIWorkspace, run: Int) throws {
        let files = try workspace.vcfFiles(in: workspace.teamFolder)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.teamFolder.path)
            .filter { $0.hasSuffix(".tmp") }
        let plan = try workspace.json(try workspace.succeed("plan", "--json")) as? [String: Any]
        let verify = try workspace.ecluse("ledger", "verify")
        let entries =
            try workspace.json(try workspace.succeed("ledger", "show", "--json", "--limit", "100000"))
            as? [[String: Any]] ?? []
        let creates = entries.filter { $0["action"] as? String == "copy.create" }.count
        let deletes = entries.filter { $0["action"] as? String == "copy.delete" }.count

        #expect(plan?["operations"] as? Int == 0, "run \(run): the plan after a normal sync is not empty")
        #expect(verify.exitCode == 0, "run \(run): \(verify)")
        #expect(files.count == creates - deletes, "run \(run): \(files.count) files, \(creates) - \(deletes)")
        #expect(leftovers.isEmpty, "run \(run): temporary files left")
    }
}
