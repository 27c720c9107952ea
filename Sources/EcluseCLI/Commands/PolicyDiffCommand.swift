import EcluseCore
import EcluseFormats
import EcluseLedger
import EcluseStore

/// `ecluse policy diff OLD NEW`: what would start or stop flowing if NEW replaced OLD.
struct PolicyDiffCommand: Command {
    static let name = ["policy", "diff"]
    static let summary = "show, per destination, what would start or stop flowing under a new policy"
    static let help = """
        Usage: ecluse policy diff OLD NEW [--json]

        Decides every subject of the store under both policy files, now, and prints for each
        destination how many copies would appear, disappear or change, which field paths
        would start or stop leaving, and a few subjects of each (by pseudonym). Nothing is
        sent. Attestations on file are not taken into account here; `ecluse plan` does.

        Exit status: 0 when both policies are valid, 2 when one is not.
        """
    static let flags: Set<String> = ["json"]

    let old: String
    let new: String

    init(_ arguments: Arguments) throws {
        guard arguments.operands.count == 2 else {
            throw CLIError.usage("name the old policy file and the new one", command: "policy diff")
        }
        old = arguments.operands[0]
        new = arguments.operands[1]
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let before = try context.policy(at: old).policy
        let after = try context.policy(at: new).policy
        let store = try context.store()
        let contacts = try store.allContacts()
        let users = try store.users()
        let appointments = try store.appointments(owner: nil)
        let decisionContext = DecisionContext(
            now: context.clock.now(), appointments: appointments, contacts: contacts,
            window: before.appointmentWindow ?? after.appointmentWindow, expander: ICalOccurrences())
        let pseudonyms = Pseudonymizer(key: try store.pseudonymKey())
        func state(_ policy: Policy) -> DesiredState {
            DesiredState(
                policy: policy, contacts: contacts, users: users, context: decisionContext,
                appointments: appointments, expander: ICalOccurrences())
        }
        let diff = PolicyDiff(old: state(before), new: state(after), pseudonym: pseudonyms.pseudonym(for:))

        if context.output.json {
            try context.output.emit(diff.destinations)
            return .success
        }
        for change in diff.destinations {
            guard !change.isEmpty || !change.fieldsStarting.isEmpty || !change.fieldsStopping.isEmpty else {
                context.output.line("\(change.destination): no change")
                continue
            }
            context.output.line(
                "\(change.destination): \(change.starting) copies start, \(change.stopping) stop, "
                    + "\(change.changing) change")
            if !change.fieldsStarting.isEmpty {
                context.output.line("  fields that start leaving: \(change.fieldsStarting.joined(separator: ", "))")
            }
            if !change.fieldsStopping.isEmpty {
                context.output.line("  fields that stop leaving: \(change.fieldsStopping.joined(separator: ", "))")
            }
            if !change.examplesStarting.isEmpty {
                context.output.line("  for example, starting: \(change.examplesStarting.joined(separator: ", "))")
            }
            if !change.examplesStopping.isEmpty {
                context.output.line("  for example, stopping: \(change.examplesStopping.joined(separator: ", "))")
            }
        }
        return .success
    }
}
