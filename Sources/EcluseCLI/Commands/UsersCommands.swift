import EcluseCore
import EcluseFormats
import EcluseStore
import Foundation

/// `ecluse users`: lists the users (salespeople) Ecluse knows.
struct UsersCommand: Command {
    static let name = ["users"]
    static let summary = "list the users: the salespeople who own contacts"
    static let help = """
        Usage: ecluse users [--json]

        Lists the users by login, with their name and email. A user appears when an import
        names them as a contact's owner (X-CRM-OWNER), or through `ecluse users import`.
        """
    static let flags: Set<String> = ["json"]

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else { throw CLIError.usage("users takes no operands", command: "users") }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let users = try context.store().users()
        if context.output.json {
            try context.output.emit(users)
            return .success
        }
        for user in users {
            context.output.line("\(user.login) · \(user.displayName)\(user.email.map { " · \($0)" } ?? "")")
        }
        context.output.line("\(users.count) user(s)")
        return .success
    }
}

/// `ecluse users import FILE`: adds or updates users from a table.
struct UsersImportCommand: Command {
    static let name = ["users", "import"]
    static let summary = "add or update users from a CSV file (login, display_name, email)"
    static let help = """
        Usage: ecluse users import FILE [--json]

        Reads a CSV file whose header names the columns `login`, `display_name` (or `name`) and
        `email`, and adds or updates one user per row. A user's email makes them the owner of the
        appointments they organise.

        Exit status: 0 when every row was read, 2 when the file or a row is wrong (nothing is
        stored then).
        """
    static let flags: Set<String> = ["json"]

    let file: String

    init(_ arguments: Arguments) throws {
        guard arguments.operands.count == 1, let file = arguments.operands.first else {
            throw CLIError.usage("name one CSV file", command: "users import")
        }
        self.file = file
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError("cannot read \(file)", fix: "check the path and that the file is readable")
        }
        let users = try Self.users(in: CSVTable(parsing: Array(data), file: file), file: file)
        let store = try context.store()
        // An email names one user: it decides who owns the appointments they organise.
        let others = try store.users().filter { stored in !users.contains { $0.login == stored.login } }
        for user in users {
            guard let email = user.email, let holder = others.first(where: { $0.email == email }) else { continue }
            throw CLIError(
                "\(file): a user's email already belongs to the user \(holder.login)",
                fix: "give each user their own email; nothing was stored")
        }
        try store.transaction {
            for user in users {
                try store.save(user)
                if let email = user.email { try store.assignAppointments(organisedBy: email, to: user.login) }
            }
        }
        if context.output.json {
            try context.output.emit(users)
        } else {
            context.output.line("\(file): \(users.count) user(s) added or updated")
        }
        return .success
    }

    static func users(in table: CSVTable, file: String) throws -> [User] {
        if let error = table.errors.first {
            throw CLIError("\(error)", fix: "fix the row named above; nothing was stored")
        }
        let header = (table.header?.cells ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let login = header.firstIndex(of: "login") else {
            throw CLIError(
                "\(file):1: the header has no `login` column",
                fix: "name the columns login, display_name and email in the first line")
        }
        let name = header.firstIndex(of: "display_name") ?? header.firstIndex(of: "name")
        let email = header.firstIndex(of: "email")
        var seenLogins: [String: Int] = [:]
        var seenEmails: [String: Int] = [:]
        return try table.rows.map { row in
            let value = { (index: Int?) in index.map { row.cells[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
            guard User.isValidLogin(value(login)) else {
                throw CLIError(
                    "\(file):\(row.line): the login is empty or not a valid login",
                    fix: "a login is 1 to 64 letters, digits, '.', '_', '-' or '@'; nothing was stored")
            }
            let address = value(email).lowercased()
            if let first = seenLogins[value(login).lowercased()] {
                throw CLIError(
                    "\(file):\(row.line): the login is already on line \(first)",
                    fix: "list each user once (logins are compared without case); nothing was stored")
            }
            seenLogins[value(login).lowercased()] = row.line
            if !address.isEmpty {
                if let first = seenEmails[address] {
                    throw CLIError(
                        "\(file):\(row.line): the email is already on line \(first)",
                        fix: "give each user their own email; nothing was stored")
                }
                guard address.contains("@") else {
                    throw CLIError(
                        "\(file):\(row.line): the email is not an address", fix: "write it as name@domain")
                }
                seenEmails[address] = row.line
            }
            return User(
                login: value(login), displayName: value(name).isEmpty ? nil : value(name),
                email: address.isEmpty ? nil : address.lowercased())
        }
    }
}
