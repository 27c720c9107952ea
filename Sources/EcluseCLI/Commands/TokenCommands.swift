import EcluseAPI
import EcluseCore
import EcluseLedger
import EcluseStore
import Foundation

/// `ecluse token add LOGIN`: a new API token for an account, printed once.
struct TokenAddCommand: Command {
    static let name = ["token", "add"]
    static let summary = "make an API token for an account (printed once, kept only as its hash)"
    static let help = """
        Usage: ecluse token add LOGIN [--name TEXT]

        Makes a new secret token for the account LOGIN and prints it once: Ecluse keeps only
        its SHA-256, so it cannot show it again. A client sends it as
        `Authorization: Bearer TOKEN` to /api/v1 (see docs/api.md) and gets the account's
        role. TEXT says what the token is for (default: "api"). Revoke it with
        `ecluse token revoke ID`.
        """
    static let valuedOptions: Set<String> = ["name"]

    let login: String
    let name: String

    init(_ arguments: Arguments) throws {
        guard arguments.operands.count == 1, let login = arguments.operands.first else {
            throw CLIError.usage("name the account the token is for", command: "token add")
        }
        self.login = login
        name = arguments.value("name") ?? "api"
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        guard try store.account(login: login) != nil else {
            throw CLIError(
                "there is no account \(login)", fix: "add it first with `ecluse user add \(login) --role ROLE`")
        }
        let token = APITokenText.generate()
        let filed = try store.addAPIToken(
            login: login, name: name, sha256: APITokenText.sha256(token), at: context.clock.now())
        if context.output.json {
            try context.output.emit(["id": "\(filed.id)", "login": login, "name": name, "token": token])
        } else {
            context.output.line(token)
            context.output.line("Token \(filed.id) for \(login): keep it secret, it is shown only this once.")
        }
        return .success
    }
}

/// `ecluse token revoke ID`: stops an API token.
struct TokenRevokeCommand: Command {
    static let name = ["token", "revoke"]
    static let summary = "stop an API token"
    static let help = """
        Usage: ecluse token revoke ID

        The token numbered ID (see `ecluse tokens`) is refused from now on, with 401.
        """

    let id: Int64

    init(_ arguments: Arguments) throws {
        guard arguments.operands.count == 1, let id = Int64(arguments.operands[0]) else {
            throw CLIError.usage("give the number of the token, as `ecluse tokens` shows it", command: "token revoke")
        }
        self.id = id
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        guard try context.store().revokeAPIToken(id: id, at: context.clock.now()) else {
            throw CLIError("there is no active token \(id)", fix: "see `ecluse tokens` for the numbers")
        }
        context.output.line("token \(id) is revoked")
        return .success
    }
}

/// `ecluse tokens`: the API tokens made, never their secrets.
struct TokensCommand: Command {
    static let name = ["tokens"]
    static let summary = "list the API tokens made (never their secrets)"
    static let help = """
        Usage: ecluse tokens [--json]

        One line per token ever made: its number, account, name, when it was made and, if it
        was, when it was revoked. The tokens themselves are not kept, only their SHA-256.
        """

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else { throw CLIError.usage("tokens takes no operands", command: "tokens") }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let tokens = try context.store().apiTokens()
        if context.output.json {
            try context.output.emit(
                tokens.map { token in
                    [
                        "id": "\(token.id)", "login": token.login, "name": token.name,
                        "created": LedgerTime.format(token.createdAt),
                        "revoked": token.revokedAt.map(LedgerTime.format) ?? "",
                    ]
                })
            return .success
        }
        for token in tokens {
            let state = token.revokedAt.map { "revoked \(LedgerTime.format($0))" } ?? "active"
            let made = LedgerTime.format(token.createdAt)
            context.output.line("\(token.id) · \(token.login) · \(token.name) · made \(made) · \(state)")
        }
        if tokens.isEmpty { context.output.line("no API token made; see `ecluse token add`") }
        return .success
    }
}
