import Foundation

/// The built `ecluse` binary, run as a user would run it: a subprocess with arguments and an
/// environment, its exit code and both output streams captured.
struct EcluseProcess {
    /// What one run of the binary gave.
    struct Result: CustomStringConvertible {
        var exitCode: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(exitCode)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// Why the binary could not be run at all.
    struct Missing: Error, CustomStringConvertible {
        var path: String

        var description: String { "no ecluse binary at \(path): run `swift build` first" }
    }

    /// `<package root>/.build/debug/ecluse`, the package root found from this file's path.
    static let binaryPath: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EcluseCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package root
        .appendingPathComponent(".build/debug/ecluse").path

    /// Runs the binary with `arguments`, in the caller's environment plus `environment`.
    ///
    /// The outputs go to files in `scratch`, so a chatty command can never fill a pipe and
    /// block. `ECLUSE_DATA` is removed from the inherited environment: each test names its data
    /// folder itself.
    static func run(_ arguments: [String], environment: [String: String] = [:], scratch: URL) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: binaryPath) else { throw Missing(path: binaryPath) }
        let name = UUID().uuidString.prefix(8)
        let outURL = scratch.appendingPathComponent(".stdout-\(name)")
        let errURL = scratch.appendingPathComponent(".stderr-\(name)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }

        let process = try start(
            arguments, environment: environment, output: try FileHandle(forWritingTo: outURL),
            errors: try FileHandle(forWritingTo: errURL))
        process.waitUntilExit()

        return Result(
            exitCode: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Starts the binary and returns at once, for commands that keep running (`ecluse run`).
    /// The environment is built as for `run`.
    static func start(
        _ arguments: [String], environment: [String: String] = [:], output: FileHandle,
        errors: FileHandle = FileHandle.nullDevice
    ) throws -> Process {
        guard FileManager.default.isExecutableFile(atPath: binaryPath) else { throw Missing(path: binaryPath) }
        var inherited = ProcessInfo.processInfo.environment
        inherited["ECLUSE_DATA"] = nil
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaryPath)
        process.arguments = arguments
        process.environment = inherited.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return process
    }
}
