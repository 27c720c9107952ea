import EcluseCore
import EcluseStore

/// `ecluse contacts [TEXT]`: lists or searches the contacts in the store.
struct ContactsCommand: Command {
    static let name = ["contacts"]
    static let summary = "list the contacts in the store, or search them"
    static let help = """
        Usage: ecluse contacts [TEXT] [--owner LOGIN] [--limit N] [--json]

        Lists contacts by name. With TEXT, only those whose name, organisation, email address
        or phone number contains it (case does not matter).

          --owner LOGIN   only the contacts this salesperson owns
          --limit N       at most N contacts (default 50)
          --json          print the contacts as JSON, with every field
        """
    static let valuedOptions: Set<String> = ["limit", "owner"]
    static let flags: Set<String> = ["json"]

    let text: String?
    let owner: String?
    let limit: Int

    init(_ arguments: Arguments) throws {
        guard arguments.operands.count <= 1 else {
            throw CLIError.usage("give one search text (quote it if it has spaces)", command: "contacts")
        }
        text = arguments.operands.first
        owner = arguments.value("owner")
        limit = try arguments.integer("limit", default: 50, command: "contacts")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        var found = try store.searchContacts(text, limit: owner == nil ? limit : Int.max)
        if let owner { found = Array(found.filter { $0.owner == owner }.prefix(limit)) }
        if context.output.json {
            try context.output.emit(found)
            return .success
        }
        let total = try store.contactCount()
        for contact in found {
            let organisation = contact.organisation.map { " · \($0.name)" } ?? ""
            let phone = contact.phones.first.map { " · \($0.value)" } ?? ""
            let email = contact.emails.first.map { " · \($0.value)" } ?? ""
            context.output.line("\(contact.displayName)\(organisation)\(phone)\(email)")
        }
        context.output.line("\(found.count) shown of \(total) contacts")
        return .success
    }
}
