import EcluseConnectors
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

/// Promise 6 against a real CardDAV server (Radicale): the same kill and rerun, with the
/// server's listing compared with the copies table. `ECLUSE_RADICALE_KILL_RUNS` sets the runs
/// (10 by default; `make killtest` runs 30).
@Suite("kill -9 in the middle of a CardDAV sync")
struct CardDAVKillTests {
    static var runs: Int { Int(ProcessInfo.processInfo.environment["ECLUSE_RADICALE_KILL_RUNS"] ?? "") ?? 10 }

    @Test func aKilledSyncToRadicaleLeavesNoDuplicateAndNothingMissing() throws {
        let radicale = try Radicale()
        defer { radicale.stop() }
        let workspace = CLIWorkspace()
        let policy = workspace.teamPolicy()
            .replacingOccurrences(of: "kind: vdir", with: "kind: carddav")
            .replacingOccurrences(
                of: "path: \(workspace.teamFolder.path)",
                with: "url: \(radicale.url("team/contacts/"))\n    username: team\n    password-env: TEST_DAV_PASSWORD")
        try workspace.initialise(policy: policy)
        let environment = ["TEST_DAV_PASSWORD": "invented"]
        var generator = SeededGenerator(seed: 67)

        for run in 0..<Self.runs {
            let file = try workspace.writeCards(
                "crm.vcf", 1...500,
                categories: { _ in Int.random(in: 0..<5, using: &generator) == 0 ? "supplier" : "customer" })
            try workspace.succeed("import", file)

            let process = Process()
            process.executableURL = URL(fileURLWithPath: EcluseProcess.binaryPath)
            process.arguments = ["--data", workspace.dataFolder, "sync"]
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0..<1_500_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let after = try workspace.ecluse("sync", environment: environment)
            #expect(after.exitCode == 0, "run \(run): \(after)")
            let plan = try workspace.json(try workspace.ecluse("plan", "--json", environment: environment))
            #expect((plan as? [String: Any])?["operations"] as? Int == 0, "run \(run)")
            #expect(try workspace.ecluse("ledger", "verify").exitCode == 0, "run \(run)")

            let copies =
                try workspace.json(try workspace.succeed("ledger", "show", "--json", "--limit", "1000000"))
                as? [[String: Any]] ?? []
            let live =
                copies.filter { $0["action"] as? String == "copy.create" }.count
                - copies.filter { $0["action"] as? String == "copy.delete" }.count
            let items = try radicaleItems(radicale)
            #expect(items == live, "run \(run): \(items) cards on the server, \(live) copies in the ledger")
        }
    }

    /// The number of cards in the address book, from a Depth 1 PROPFIND.
    private func radicaleItems(_ radicale: Radicale) throws -> Int {
        let client = try HTTPClient(configuration: .init(credentials: Credentials(username: "team", password: "x")))
        let response = try client.send(
            HTTPRequest(.propfind, url: radicale.url("team/contacts/"), headers: ["Depth": "1"]))
        return String(decoding: response.body, as: UTF8.self).components(separatedBy: ".vcf</").count - 1
    }
}
