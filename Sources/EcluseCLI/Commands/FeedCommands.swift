import EcluseCore
import EcluseFeeds
import EcluseLedger
import EcluseStore
import Foundation

/// `ecluse feed issue USER`: gives a user a new calendar feed address, revoking the old one.
struct FeedIssueCommand: Command {
    static let name = ["feed", "issue"]
    static let summary = "give a user a calendar feed address (the old one stops working)"
    static let help = """
        Usage: ecluse feed issue USER [--base-url URL]

        Makes a new secret feed address for USER and prints it once: Ecluse keeps only its
        SHA-256, so it cannot show it again. The user's earlier address stops working. The
        address serves, through `ecluse serve`, the user's appointments under the policy's
        ics-feed destination, with the details its rules allow until each deadline. URL is how
        the server is reached from phones (default http://127.0.0.1:8080).
        """
    static let valuedOptions: Set<String> = ["base-url"]

    let user: String
    let baseURL: String

    init(_ arguments: Arguments) throws {
        guard arguments.operands.count == 1, let user = arguments.operands.first else {
            throw CLIError.usage("name the user the feed is for", command: "feed issue")
        }
        self.user = user
        baseURL = (arguments.value("base-url") ?? "http://127.0.0.1:8080").trimmingSuffix("/")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        guard try store.users().contains(where: { $0.login == user }) else {
            throw CLIError("there is no user \(user)", fix: "see `ecluse users` for the logins")
        }
        let token = FeedTokenText.generate()
        let filed = try store.issueFeedToken(
            user: user, sha256: FeedTokenText.sha256(token), at: context.clock.now())
        let address = "\(baseURL)/feeds/\(token).ics"
        if context.output.json {
            try context.output.emit(["user": user, "url": address, "issued": LedgerTime.format(filed.createdAt)])
        } else {
            context.output.line(address)
            context.output.line("Give this address to \(user) only: it opens their calendar to whoever has it.")
        }
        return .success
    }
}

/// `ecluse feed revoke USER`: stops a user's feed address.
struct FeedRevokeCommand: Command {
    static let name = ["feed", "revoke"]
    static let summary = "stop a user's calendar feed address"
    static let help = """
        Usage: ecluse feed revoke USER

        The user's feed address answers 404 from now on, like an address that never existed.
        Phones subscribed to it stop receiving updates; what they hold stays on them.
        """

    let user: String

    init(_ arguments: Arguments) throws {
        guard arguments.operands.count == 1, let user = arguments.operands.first else {
            throw CLIError.usage("name the user whose feed to revoke", command: "feed revoke")
        }
        self.user = user
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let count = try context.store().revokeFeedTokens(user: user, at: context.clock.now())
        context.output.line(count == 0 ? "\(user) had no feed address" : "\(user)'s feed address is revoked")
        return .success
    }
}

/// `ecluse feeds`: the feed addresses issued, without their secrets.
struct FeedsCommand: Command {
    static let name = ["feeds"]
    static let summary = "list the calendar feed addresses issued (never their secrets)"
    static let help = """
        Usage: ecluse feeds [--json]

        One line per feed address ever issued: its user, when it was issued and, if it was,
        when it was revoked. The addresses themselves are not kept, only their SHA-256.
        """

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else { throw CLIError.usage("feeds takes no operands", command: "feeds") }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let tokens = try context.store().feedTokens()
        let rows = tokens.map { token in
            [
                "user": token.user, "issued": LedgerTime.format(token.createdAt),
                "revoked": token.revokedAt.map(LedgerTime.format) ?? "",
            ]
        }
        if context.output.json {
            try context.output.emit(rows)
            return .success
        }
        for token in tokens {
            let state = token.revokedAt.map { "revoked \(LedgerTime.format($0))" } ?? "active"
            context.output.line("\(token.user): issued \(LedgerTime.format(token.createdAt)), \(state)")
        }
        if tokens.isEmpty { context.output.line("no feed address issued; see `ecluse feed issue`") }
        return .success
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
