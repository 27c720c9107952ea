import EcluseCore
import EcluseCrypto
import EcluseStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `ecluse user add LOGIN --role ROLE`: an account for the web pages and the API.
struct UserAddCommand: Command {
    static let name = ["user", "add"]
    static let summary = "add an account (admin, dpo or sales) for the web pages and the API"
    static let help = """
        Usage: ecluse user add LOGIN --role admin|dpo|sales

        Adds an account for LOGIN with its role: admin (installs, connects destinations,
        manages accounts), dpo (the ledger, the reports, the people's requests) or sales (their
        own contacts). The user LOGIN is added too when Ecluse does not know it yet.

        The password is never an option, which would leave it in the shell's history and the
        process list. It is read from $ECLUSE_PASSWORD when set, else from standard input (its
        first line; asked for twice, without echo, on a terminal). It must be at least 12
        characters. Only an scrypt hash of it is stored.

        Exit status: 0 when the account was added, 2 when the login, the role or the password
        is wrong or the login already has an account (nothing is stored then).
        """
    static let valuedOptions: Set<String> = ["role"]
    static let minimumPasswordLength = 12

    let login: String
    let role: Account.Role

    init(_ arguments: Arguments) throws {
        guard arguments.operands.count == 1, let login = arguments.operands.first else {
            throw CLIError.usage("name one login", command: "user add")
        }
        guard User.isValidLogin(login) else {
            throw CLIError(
                "`\(login)` cannot be a login",
                fix: "use 1 to 64 letters, digits, `.`, `_`, `-` or `@`, starting with a letter or a digit")
        }
        let roles = Account.Role.allCases.map(\.rawValue).joined(separator: ", ")
        guard let text = arguments.value("role") else {
            throw CLIError.usage("--role is required: one of \(roles)", command: "user add")
        }
        guard let role = Account.Role(rawValue: text) else {
            throw CLIError.usage("unknown role `\(text)`: use one of \(roles)", command: "user add")
        }
        self.login = login
        self.role = role
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        guard try store.account(login: login) == nil else {
            throw CLIError(
                "\(login) already has an account",
                fix: "choose another login; nothing was changed")
        }
        let password = try Self.password(environment: context.environment, login: login)
        guard password.count >= Self.minimumPasswordLength else {
            throw CLIError(
                "the password is shorter than \(Self.minimumPasswordLength) characters",
                fix: "choose a longer one (a passphrase of a few words is easy to type); nothing was stored")
        }
        let account = Account(
            login: login, role: role, passwordHash: PasswordHash.make(password: password),
            createdAt: context.clock.now())
        // Only a salesperson is a user that per-user destinations fill; a DPO's or an
        // administrator's account must never become a recipient of copies.
        try store.transaction {
            if role == .sales, try !store.users().contains(where: { $0.login == login }) {
                try store.save(User(login: login))
            }
            try store.add(account)
        }
        context.output.line("added the account \(login) with the role \(role.rawValue)")
        return .success
    }

    /// The password from `ECLUSE_PASSWORD`, or from standard input.
    private static func password(environment: [String: String], login: String) throws -> String {
        if let given = environment["ECLUSE_PASSWORD"] { return given }
        guard isatty(STDIN_FILENO) == 1 else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            return String((line.first ?? "").trimmingSuffix("\r"))
        }
        let first = try TerminalPrompt.secret("password for \(login): ")
        let second = try TerminalPrompt.secret("the same again: ")
        guard first == second else {
            throw CLIError("the two passwords differ", fix: "run the command again; nothing was stored")
        }
        return first
    }
}

/// Reads a line from the terminal without echoing it.
enum TerminalPrompt {
    static func secret(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else {
            throw CLIError("cannot read the terminal's settings", fix: "give the password on standard input instead")
        }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: Character) -> Substring {
        last == suffix ? dropLast() : self
    }
}
