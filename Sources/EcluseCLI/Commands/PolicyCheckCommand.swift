import EcluseCore

/// `ecluse policy check`: validates the policy file and summarises it.
struct PolicyCheckCommand: Command {
    static let name = ["policy", "check"]
    static let summary = "validate the policy file and summarise what it allows"
    static let help = """
        Usage: ecluse policy check [--policy FILE] [--json]

        Reads the policy (the data folder's policy.yaml, or FILE) and reports every problem with
        its file, line and column, or a summary of its purposes, destinations and rules.

        Exit status: 0 when the policy is valid, 2 when it has problems.
        """
    static let valuedOptions: Set<String> = ["policy"]
    static let flags: Set<String> = ["json"]

    let file: String?

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else {
            throw CLIError.usage("policy check takes no operands; name the file with --policy", command: "policy check")
        }
        file = arguments.value("policy")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let loaded = try context.policy(at: file)
        let policy = loaded.policy
        if context.output.json {
            try context.output.emit(PolicySummaryJSON(policy, file: loaded.file))
            return .success
        }
        context.output.line("\(loaded.file): valid (version \(policy.version.prefix(12)))")
        context.output.line(
            "\(policy.purposes.count) purpose(s), \(policy.destinations.count) destination(s), "
                + "\(policy.rules.count) rule(s)")
        for destination in policy.destinations {
            if let flag = destination.residency.flag { context.output.line("  \(destination.name): \(flag)") }
        }
        for rule in policy.rules {
            let basis = policy.purpose(named: rule.purpose)?.legalBasis
            context.output.line(
                "  \(rule.label): \(basis.map { "\($0.rawValue), \($0.article)" } ?? "?"); "
                    + "fields \(rule.fields.spellings.joined(separator: ", "))")
        }
        return .success
    }
}

/// The JSON form of a valid policy's summary.
struct PolicySummaryJSON: Encodable {
    struct RuleJSON: Encodable {
        var purpose: String
        var destination: String
        var legalBasis: String
        var fields: [String]
        var line: Int?
    }

    var file: String
    var version: String
    var purposes: [String]
    var destinations: [String]
    var rules: [RuleJSON]

    init(_ policy: Policy, file: String) {
        self.file = file
        version = policy.version
        purposes = policy.purposes.map(\.name)
        destinations = policy.destinations.map(\.name)
        rules = policy.rules.map { rule in
            RuleJSON(
                purpose: rule.purpose, destination: rule.destination,
                legalBasis: policy.purpose(named: rule.purpose)?.legalBasis.rawValue ?? "",
                fields: rule.fields.spellings, line: rule.location?.line)
        }
    }
}
