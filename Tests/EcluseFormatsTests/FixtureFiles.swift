import Foundation

/// Where the test files live: the package's own fixtures, and the shared peer files.
enum FixtureFiles {
    /// The folder of import cases copied into the test bundle.
    static var importCases: URL? {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("import-cases")
    }

    /// The `.vcf` import cases, by name.
    static var vcardCases: [String] {
        files(in: importCases, withExtension: "vcf")
    }

    /// Every input file of the import cases, whatever its format.
    static var allCases: [String] {
        ["vcf", "ics", "csv"].flatMap { files(in: importCases, withExtension: $0) }
    }

    /// The vCard exports of other applications, kept outside the project (never copied in).
    static var peerFolder: URL? {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let folder = root.deletingLastPathComponent()
            .appendingPathComponent("shared/corpus/peer-files/vcard-app-exports")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }

    static var peerFiles: [String] {
        files(in: peerFolder, withExtension: "vcf")
    }

    static func bytes(ofCase name: String) -> [UInt8] {
        read(importCases?.appendingPathComponent(name))
    }

    static func bytes(ofPeerFile name: String) -> [UInt8] {
        read(peerFolder?.appendingPathComponent(name))
    }

    private static func read(_ url: URL?) -> [UInt8] {
        guard let url, let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return [UInt8](data)
    }

    private static func files(in folder: URL?, withExtension ext: String) -> [String] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return []
        }
        return names.filter { $0.hasSuffix("." + ext) }.sorted()
    }
}
