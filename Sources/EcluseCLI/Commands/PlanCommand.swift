import EcluseCore
import EcluseLedger
import EcluseSync

/// `ecluse plan`: what a sync would do now, per destination, and why.
struct PlanCommand: Command {
    static let name = ["plan"]
    static let summary = "show the creates, updates and deletes a sync would make, and why"
    static let help = """
        Usage: ecluse plan [--policy FILE] [--explain] [--json]

        Compares what the policy demands now with the copies Ecluse made, for every collection
        of every destination (one per user for per-user destinations), and prints the creates,
        updates and deletes that `ecluse sync` would make. Nothing is sent.

          --explain   for each subject and collection, the rule that lets it through and the
                      fields, or every reason it is held back; subjects are named by their
                      pseudonym, never by personal data
          --json      print the plan as JSON
        """
    static let valuedOptions: Set<String> = ["policy"]
    static let flags: Set<String> = ["explain", "json"]

    let policyFile: String?
    let explain: Bool

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else { throw CLIError.usage("plan takes no operands", command: "plan") }
        policyFile = arguments.value("policy")
        explain = arguments.flag("explain")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let loaded = try context.policy(at: policyFile)
        let store = try context.store()
        let engine = SyncEngine(
            store: store, policy: loaded.policy,
            retired: try RetiredDestinations.find(in: store, current: loaded.policy), connectors: context.connectors,
            clock: context.clock,
            logger: context.logger)
        let plans = try engine.plan()
        let explanations =
            explain ? try Explainer(store: store, policy: loaded.policy, now: context.clock.now()).explain() : []

        if context.output.json {
            try context.output.emit(PlanJSON(plans: plans, explanations: explanations))
            return .success
        }
        for plan in plans {
            var line =
                "\(plan.collection): \(plan.creates) to create, \(plan.updates) to update, "
                + "\(plan.deletes) to delete"
            if let reason = plan.heldBack { line += " (held back: \(reason))" }
            if let flag = loaded.policy.destination(named: plan.collection.destination)?.residency.flag {
                line += " [\(flag)]"
            }
            if loaded.policy.destination(named: plan.collection.destination) == nil {
                line +=
                    engine.canReach(plan.collection)
                    ? " (no longer in the policy: its copies are taken back)"
                    : " (no longer in the policy, and no stored version has its settings: add it back for one sync)"
            }
            context.output.line(line)
        }
        let total = plans.reduce(0) { $0 + $1.operations.count }
        context.output.line("\(total) operation(s) planned")
        for explanation in explanations {
            context.output.line(explanation.text)
        }
        return .success
    }
}

/// The JSON form of a plan.
struct PlanJSON: Encodable {
    struct CollectionJSON: Encodable {
        var destination: String
        var user: String?
        var creates: Int
        var updates: Int
        var deletes: Int
    }

    var collections: [CollectionJSON]
    var operations: Int
    var explanations: [Explanation]?

    init(plans: [CollectionPlan], explanations: [Explanation]) {
        collections = plans.map {
            CollectionJSON(
                destination: $0.collection.destination, user: $0.collection.userOrNil,
                creates: $0.creates, updates: $0.updates, deletes: $0.deletes)
        }
        operations = plans.reduce(0) { $0 + $1.operations.count }
        self.explanations = explanations.isEmpty ? nil : explanations
    }
}
