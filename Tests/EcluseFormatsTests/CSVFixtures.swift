import Foundation

/// The CSV test files: the fixtures written for the CSV reader, and the repository's sample.
enum CSVFixtures {
    static func bytes(_ name: String) -> [UInt8] {
        let folder = FixtureFiles.importCases?.deletingLastPathComponent().appendingPathComponent("csv")
        return read(folder?.appendingPathComponent(name))
    }

    static func text(_ name: String) -> String {
        String(decoding: bytes(name), as: UTF8.self)
    }

    /// A file of the repository's `sample/` folder (invented people, written by scripts/generate-sample.py).
    static func sample(_ name: String) -> [UInt8] {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return read(root.appendingPathComponent("sample").appendingPathComponent(name))
    }

    private static func read(_ url: URL?) -> [UInt8] {
        guard let url, let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return [UInt8](data)
    }
}
