import EcluseCore
import EcluseFormats
import EcluseLedger
import EcluseStore
import Foundation

/// `ecluse policy explain --subject S`: why one subject does or does not reach each destination.
struct PolicyExplainCommand: Command {
    static let name = ["policy", "explain"]
    static let summary = "say why one subject reaches a destination (rule, fields) or is held back"
    static let help = """
        Usage: ecluse policy explain --subject S [--destination D] [--policy FILE] [--json]

        S is a subject's pseudonym (as the ledger and `plan --explain` show it), its CRM UID or
        one of its email addresses. For each collection of D (every destination when it is not
        given): the rules that let the subject through with their lines, the fields that leave,
        how long the copy may stay, or every reason it is held back, including attestations.
        The output names the subject by pseudonym only.
        """
    static let valuedOptions: Set<String> = ["subject", "destination", "policy"]
    static let flags: Set<String> = ["json"]

    let subject: String
    let destination: String?
    let policyFile: String?

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty, let subject = arguments.value("subject") else {
            throw CLIError.usage("name the subject with --subject", command: "policy explain")
        }
        self.subject = subject
        destination = arguments.value("destination")
        policyFile = arguments.value("policy")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let policy = try context.policy(at: policyFile).policy
        let store = try context.store()
        let pseudonyms = Pseudonymizer(key: try store.pseudonymKey())
        let contacts = try store.allContacts()
        let matches = SubjectExplanation.matches(subject, in: contacts, pseudonym: pseudonyms.pseudonym(for:))
        guard let contact = matches.first else {
            throw CLIError(
                "no subject matches what --subject gives",
                fix: "give a pseudonym from `ecluse ledger show` or `ecluse plan --explain`, a CRM UID or an email")
        }
        // Several subjects can share an email: explaining one of them would mislead.
        guard matches.count == 1 else {
            throw CLIError(
                "\(matches.count) subjects match what --subject gives: "
                    + matches.map { pseudonyms.pseudonym(for: $0.id) }.sorted().joined(separator: ", "),
                fix: "explain each by its pseudonym")
        }
        let destinations = try policy.destinations.filter { candidate in
            guard let destination else { return true }
            guard policy.destination(named: destination) != nil else {
                throw CLIError(
                    "the policy has no destination \(destination)",
                    fix: "use one of: \(policy.destinations.map(\.name).joined(separator: ", "))")
            }
            return candidate.name == destination
        }
        let now = context.clock.now()
        let decisionContext = DecisionContext(
            now: now, appointments: try store.appointments(owner: nil), contacts: contacts,
            window: policy.appointmentWindow, expander: ICalOccurrences())
        let rows = try SubjectExplanation.rows(
            for: contact, at: destinations, policy: policy, users: try store.users(),
            attestations: try store.attestations(), context: decisionContext, retired: store.retiredSubjects(in:)
        ).map { row in
            Explanation(
                subject: pseudonyms.pseudonym(for: contact.id), collection: row.collection.description,
                selected: row.selected, rules: row.rules, fields: row.fields, reasons: row.reasons, keep: row.keep,
                erase: row.eraseDetails)
        }
        if context.output.json {
            try context.output.emit(rows)
            return .success
        }
        for row in rows {
            context.output.line(row.text + (row.selected ? "; \(row.keepText)" : ""))
        }
        return .success
    }
}
