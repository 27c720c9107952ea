import EcluseConnectors
import EcluseCore
import EcluseFormats
import EcluseLogging
import EcluseStore
import Foundation

/// What a command works with: the data folder, the output, the logger, the clock.
final class CommandContext {
    let dataFolder: URL
    let output: Output
    let logger: Logger
    let clock: any Clock
    let environment: [String: String]
    private var openStore: SQLiteStore?

    init(dataFolder: URL, output: Output, logger: Logger, clock: any Clock, environment: [String: String]) {
        self.dataFolder = dataFolder
        self.output = output
        self.logger = logger
        self.clock = clock
        self.environment = environment
    }

    var databasePath: String { dataFolder.appendingPathComponent("ecluse.sqlite").path }

    var defaultPolicyPath: String { dataFolder.appendingPathComponent("policy.yaml").path }

    /// The store of the data folder; refuses when the folder was never initialised.
    func store() throws -> SQLiteStore {
        if let openStore { return openStore }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: dataFolder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw CLIError(
                "\(dataFolder.path) is a file, not an Ecluse data folder",
                fix: "point --data (or ECLUSE_DATA) at the folder that `ecluse init` created")
        }
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw CLIError(
                "no Ecluse data folder at \(dataFolder.path)",
                fix: "run `ecluse init` first, or point --data (or ECLUSE_DATA) at an existing one")
        }
        let store = try SQLiteStore(path: databasePath)
        openStore = store
        return store
    }

    /// Loads and validates the policy at `path` (the data folder's policy.yaml by default).
    func policy(at path: String?) throws -> LoadedPolicy {
        let file = path ?? defaultPolicyPath
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError(
                "cannot read the policy file \(file)",
                fix: "check the path; `ecluse init` writes a commented sample policy")
        }
        do {
            let policy = try PolicyLoader().load(Array(data), file: file)
            return LoadedPolicy(policy: policy, text: String(decoding: data, as: UTF8.self), file: file)
        } catch {
            let problems = error.problems.map(\.description).joined(separator: "\n")
            throw CLIError(
                "the policy has \(error.problems.count) problem(s):\n\(problems)",
                fix: "fix the lines named above, then run `ecluse policy check`")
        }
    }

    /// The connectors of the policy's destinations, with relative folders in the data folder.
    var connectors: ConnectorFactory {
        ConnectorFactory(baseFolder: dataFolder, environment: environment, logger: logger)
    }

    func close() { openStore?.close() }
}

/// A policy as loaded, with its text so the store can keep the version.
struct LoadedPolicy {
    var policy: Policy
    var text: String
    var file: String
}
