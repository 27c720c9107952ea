import EcluseConnectors
import EcluseTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `/metrics` shows what the store holds: copies per destination, syncs run, ledger entries.
@Suite struct ServeMetricsTests {
    @Test func theStoresFiguresAreInTheMetrics() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise(policy: workspace.teamPolicy())
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...4))
        try workspace.succeed("sync")
        try workspace.succeed("sync")

        let output = URL(fileURLWithPath: workspace.folder.file("serve.out"))
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = try EcluseProcess.start(
            ["--data", workspace.dataFolder, "serve", "--listen", "127.0.0.1:0"],
            output: try FileHandle(forWritingTo: output))
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var base: String?
        let end = Date().addingTimeInterval(30)
        while base == nil, Date() < end {
            let text = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
            base = text.split(separator: "\n").first { $0.hasPrefix("listening on ") }.map { String($0.dropFirst(13)) }
            if base == nil { usleep(50_000) }
        }
        let server = try #require(base)
        let metrics = String(
            decoding: try HTTPClient().send(HTTPRequest(.get, url: server + "/metrics")).body, as: UTF8.self)
        kill(process.processIdentifier, SIGTERM)

        #expect(metrics.contains("ecluse_copies{destination=\"team-folder\"} 4"), "\(metrics)")
        #expect(metrics.contains("\necluse_sync_runs 2\n"))
        #expect(metrics.contains("\necluse_ledger_entries 4\n"))
    }
}
