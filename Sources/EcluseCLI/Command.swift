/// One `ecluse` subcommand.
protocol Command {
    /// The words that name it (`["ledger", "verify"]`).
    static var name: [String] { get }
    /// One line for `ecluse --help`.
    static var summary: String { get }
    /// The full text of `ecluse <name> --help`.
    static var help: String { get }
    /// Options that take a value, and bare flags (`--help` and `--json` are added for all).
    static var valuedOptions: Set<String> { get }
    static var flags: Set<String> { get }

    init(_ arguments: Arguments) throws

    func run(_ context: CommandContext) throws -> ExitCode
}

extension Command {
    static var valuedOptions: Set<String> { [] }
    static var flags: Set<String> { [] }
    static var spelled: String { name.joined(separator: " ") }
}

/// Every subcommand, in the order `ecluse --help` lists them.
var allCommands: [any Command.Type] {
    [
        InitCommand.self, ImportCommand.self, ContactsCommand.self, AppointmentsCommand.self,
        UsersImportCommand.self, UsersCommand.self, UserAddCommand.self, PolicyCheckCommand.self,
        PolicyExplainCommand.self,
        PolicyDiffCommand.self, AttestationAddCommand.self, DeviceAttestCommand.self, DevicesCommand.self,
        AttestationsCommand.self, FeedIssueCommand.self, FeedRevokeCommand.self, FeedsCommand.self, PlanCommand.self,
        SyncCommand.self, RunCommand.self, ServeCommand.self,
        LedgerVerifyCommand.self, LedgerShowCommand.self,
        TokenAddCommand.self, TokenRevokeCommand.self, TokensCommand.self,
    ]
}

/// The text after each command's own help: the options every command takes.
let commonOptionsHelp = """
    Options every command takes:
      --data DIR            the data folder (default: $ECLUSE_DATA, else ./ecluse-data)
      --log-level LEVEL     trace, debug, info, notice, warning (default) or error
      --log-personal-data   show redacted values in logs (debugging only; logs then hold personal data)
      -h, --help            show this help
    """
