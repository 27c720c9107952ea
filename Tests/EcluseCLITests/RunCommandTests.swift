import EcluseTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("ecluse run, the long-running mode")
struct RunCommandTests {
    /// An import made while `run` waits reaches the folder without another command, and SIGTERM
    /// stops the loop with exit 0.
    @Test func anImportWhileRunningIsSyncedAndSigtermStopsCleanly() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...3))
        let (process, output) = try start(workspace, "--interval", "60")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let first = waitFor(seconds: 30) { ((try? workspace.vcfFiles(in: workspace.teamFolder))?.count ?? 0) == 3 }
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...5))
        // The loop wakes on the store's change, well before the 60-second interval.
        let second = waitFor(seconds: 30) { ((try? workspace.vcfFiles(in: workspace.teamFolder))?.count ?? 0) == 5 }
        // Status lines are written as they happen, not when the process ends.
        let whileRunning = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
        kill(process.processIdentifier, SIGTERM)
        let stopped = waitFor(seconds: 30) { !process.isRunning }
        let text = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)

        #expect(first, "the first sync did not write 3 files:\n\(text)")
        #expect(second, "the import made while running was not synced:\n\(text)")
        #expect(stopped, "SIGTERM did not stop the run")
        #expect(process.terminationStatus == 0)
        #expect(whileRunning.contains("run 1 at "))
        #expect(text.contains("run 1 at "))
        #expect(text.contains("3 change(s), 0 failure(s)"))
        #expect(text.contains("2 change(s), 0 failure(s)"))
        #expect(text.contains("stopped after "))
        #expect(try workspace.ecluse("ledger", "verify").exitCode == 0)
    }

    @Test func aNegativeIntervalIsAUsageError() throws {
        let workspace = CLIWorkspace()
        let result = try workspace.ecluse("run", "--interval", "-5")
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("interval"))
    }

    /// A kept period ends at a moment that `ECLUSE_NOW` places in the future but the wall clock
    /// has long passed: the loop must wait on its own clock, not spin.
    @Test func aDeadlineOnAnEarlierClockDoesNotMakeTheLoopSpin() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise(
            policy: workspace.teamPolicy().replacingOccurrences(of: "keep: while-selected", with: "keep: 1d after copy")
        )
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...2))
        let past = ["ECLUSE_NOW": "2020-01-01T00:00:00Z"]
        #expect(try workspace.ecluse("sync", environment: past).exitCode == 0)

        let (process, output) = try start(workspace, "--interval", "3600", environment: past)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        usleep(2_500_000)
        kill(process.processIdentifier, SIGTERM)
        _ = waitFor(seconds: 30) { !process.isRunning }
        let text = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)

        #expect(text.contains("next deadline 2020-01-02 00:00:00Z"), "\(text)")
        #expect(text.contains("stopped after 1 run(s)"), "\(text)")
    }

    /// A policy deployed as a symbolic link (as configuration tools do) is watched through the
    /// link: an edit of its target starts a pass.
    @Test func anEditBehindASymlinkedPolicyStartsAPass() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...3))
        let linked = workspace.dataFolder + "/policy.yaml"
        let target = workspace.folder.file("deployed-policy.yaml")
        try FileManager.default.moveItem(atPath: linked, toPath: target)
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: target)
        let (process, output) = try start(workspace, "--interval", "600")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let synced = waitFor(seconds: 30) { ((try? workspace.vcfFiles(in: workspace.teamFolder))?.count ?? 0) == 3 }

        // No contact is a supplier: every copy must be taken back.
        let text = try String(contentsOfFile: target, encoding: .utf8)
        try text.replacingOccurrences(of: "tags-any: [customer]", with: "tags-any: [supplier]")
            .write(toFile: target, atomically: false, encoding: .utf8)
        let withdrawn = waitFor(seconds: 30) { (try? workspace.vcfFiles(in: workspace.teamFolder))?.isEmpty ?? false }
        kill(process.processIdentifier, SIGTERM)
        _ = waitFor(seconds: 30) { !process.isRunning }

        #expect(synced)
        #expect(withdrawn, "\(String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self))")
    }

    @Test func aSecondLoopOnTheSameFolderIsRefused() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let (process, output) = try start(workspace, "--interval", "60")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let started = waitFor(seconds: 30) {
            String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self).contains("run 1 at ")
        }

        let second = try workspace.ecluse("run", "--interval", "60")
        kill(process.processIdentifier, SIGTERM)
        _ = waitFor(seconds: 30) { !process.isRunning }

        #expect(started)
        #expect(second.exitCode == 1)
        #expect(second.stderr.contains("`ecluse run` is already keeping this data folder in step (pid "))
        #expect(process.terminationStatus == 0)
    }

    @Test func aMissingPolicyFileIsRefusedAtOnce() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let result = try workspace.ecluse("run", "--policy", workspace.folder.file("absent.yaml"))
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("no policy file at"))
    }

    /// Starts `ecluse run` on the workspace, its standard output going to a file.
    private func start(_ workspace: CLIWorkspace, _ arguments: String..., environment: [String: String] = [:])
        throws -> (Process, URL)
    {
        let output = URL(fileURLWithPath: workspace.folder.file("run-\(UUID().uuidString.prefix(8)).out"))
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = try EcluseProcess.start(
            ["--data", workspace.dataFolder, "run"] + arguments, environment: environment,
            output: try FileHandle(forWritingTo: output))
        return (process, output)
    }

    /// Polls `condition` every 100 ms until it holds or `seconds` pass.
    private func waitFor(seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(100_000)
        }
        return condition()
    }
}
