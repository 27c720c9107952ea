/// How `ecluse` ends, as documented in `ecluse --help` and docs/cli.md.
public enum ExitCode: Int32, Sendable {
    /// Everything asked was done.
    case success = 0
    /// Something failed while running: a destination refused items, the store could not be written.
    case failure = 1
    /// The input was wrong: a usage error, a malformed policy or file; nothing of it was applied.
    case badInput = 2
    /// The ledger does not verify: an entry was changed, removed or reordered.
    case integrity = 3
}

/// An error the command line shows to its user: what went wrong, and the next step.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var fix: String?
    var exitCode: ExitCode

    init(_ message: String, fix: String? = nil, exitCode: ExitCode = .badInput) {
        self.message = message
        self.fix = fix
        self.exitCode = exitCode
    }

    var description: String { fix.map { "\(message)\nhint: \($0)" } ?? message }

    static func usage(_ message: String, command: String) -> CLIError {
        CLIError(message, fix: "run `ecluse \(command) --help` to see what it takes")
    }
}
