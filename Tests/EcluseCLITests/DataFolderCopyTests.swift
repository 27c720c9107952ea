import EcluseTesting
import Foundation
import Testing

/// A copy of the data folder (a restored backup, a staging copy) syncs to its own folders and
/// leaves the original installation's copies alone.
@Suite struct DataFolderCopyTests {
    @Test func aCopyOfTheDataFolderWritesToItsOwnFoldersOnly() throws {
        let workspace = CLIWorkspace()
        let relative = workspace.teamPolicy().replacingOccurrences(
            of: "path: \(workspace.teamFolder.path)", with: "path: out/team-folder")
        try workspace.initialise(policy: relative)
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...4))
        try workspace.succeed("sync")
        let original = URL(fileURLWithPath: workspace.dataFolder).appendingPathComponent("out/team-folder")
        let files = try workspace.vcfFiles(in: original)
        #expect(files.count == 4)

        let copy = workspace.folder.file("data-copy")
        try FileManager.default.copyItem(atPath: workspace.dataFolder, toPath: copy)
        try FileManager.default.removeItem(at: URL(fileURLWithPath: copy).appendingPathComponent("out"))
        let synced = try EcluseProcess.run(["--data", copy, "sync"], scratch: workspace.folder.url)

        #expect(synced.exitCode == 0, "\(synced)")
        #expect(synced.stdout.contains("0 deleted"))
        #expect(try workspace.vcfFiles(in: original) == files)
        let copied = URL(fileURLWithPath: copy).appendingPathComponent("out/team-folder")
        #expect(try workspace.vcfFiles(in: copied) == files)
    }
}
