import EcluseStore
import Foundation

/// `ecluse init`: makes the data folder, its database and a commented sample policy.
struct InitCommand: Command {
    static let name = ["init"]
    static let summary = "create the data folder, its database and a sample policy"
    static let help = """
        Usage: ecluse init [--policy FILE]

        Creates the data folder (see --data), the SQLite database in it, and policy.yaml: a
        commented sample policy to edit, or a copy of FILE with --policy. Running it again on an
        existing folder changes nothing that is already there.
        """
    static let valuedOptions: Set<String> = ["policy"]

    let policySource: String?

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else { throw CLIError.usage("init takes no operands", command: "init") }
        policySource = arguments.value("policy")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: context.dataFolder, withIntermediateDirectories: true)
        } catch {
            throw CLIError(
                "cannot create the data folder \(context.dataFolder.path)",
                fix: "check the path and its permissions", exitCode: .failure)
        }
        let existed = fileManager.fileExists(atPath: context.databasePath)
        let store = try SQLiteStore(path: context.databasePath)
        store.close()

        var wrotePolicy = false
        if !fileManager.fileExists(atPath: context.defaultPolicyPath) {
            let text: String
            if let policySource {
                guard let data = fileManager.contents(atPath: policySource) else {
                    throw CLIError("cannot read the policy file \(policySource)", fix: "check the path")
                }
                text = String(decoding: data, as: UTF8.self)
            } else {
                text = SamplePolicy.text
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: context.defaultPolicyPath))
            wrotePolicy = true
        }
        context.output.line("\(existed ? "Kept" : "Created") the data folder \(context.dataFolder.path)")
        context.output.line(
            wrotePolicy
                ? "Wrote the policy \(context.defaultPolicyPath): edit it, then run `ecluse policy check`"
                : "Kept the existing policy \(context.defaultPolicyPath)")
        return .success
    }
}
