import EcluseCore
import EcluseLogging
import EcluseStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The `ecluse` command: reads the command line, runs one subcommand, returns its exit code.
///
/// Errors are translated here, once: a known error becomes its message, a hint and an exit
/// code; anything else is reported as a failure without its details unless logging asks.
public enum EcluseCommandLine {
    public static func main(
        _ words: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock givenClock: any Clock = SystemClock()
    ) -> Int32 {
        var words = words
        let globals: GlobalOptions
        let clock: any Clock
        do {
            globals = try GlobalOptions(extractingFrom: &words)
            clock = try Self.clock(from: environment) ?? givenClock
        } catch {
            return report(error)
        }
        if words.isEmpty || words == ["--help"] || words == ["-h"] || words == ["help"] {
            print(overview)
            return words.isEmpty ? ExitCode.badInput.rawValue : ExitCode.success.rawValue
        }
        if words == ["--version"] {
            print("ecluse 0.1.0")
            return ExitCode.success.rawValue
        }
        if let group = words.first, !allCommands.contains(where: { $0.name == [group] }) {
            let members = allCommands.filter { $0.name.count > 1 && $0.name.first == group }
            if !members.isEmpty, words.count == 1 || words.dropFirst().allSatisfy({ $0 == "--help" || $0 == "-h" }) {
                let lines = members.map { "  ecluse \($0.spelled)  \($0.summary)" }.joined(separator: "\n")
                let asked = words.count > 1
                let text =
                    "`ecluse \(group)` takes a subcommand:\n\(lines)\n"
                    + "Run `ecluse \(group) SUBCOMMAND --help` for its options."
                if asked { print(text) } else { FileHandle.standardError.write(Data("error: \(text)\n".utf8)) }
                return asked ? ExitCode.success.rawValue : ExitCode.badInput.rawValue
            }
        }
        guard let (type, rest) = command(for: words) else {
            return report(
                CLIError(
                    "unknown command `\(words.prefix(2).joined(separator: " "))`",
                    fix: "run `ecluse --help` to see the commands"))
        }
        if rest.contains("--help") || rest.contains("-h") {
            print(type.help + "\n\n" + commonOptionsHelp)
            return ExitCode.success.rawValue
        }

        let json = rest.contains("--json")
        let logger = Logger(
            label: "ecluse", level: globals.logLevel, sink: LogSink(revealSensitive: globals.logPersonalData))
        let output = Output(json: json, showsProgress: !json && isatty(STDERR_FILENO) == 1)
        let dataFolder = globals.dataFolder ?? environment["ECLUSE_DATA"] ?? "ecluse-data"
        let context = CommandContext(
            dataFolder: URL(fileURLWithPath: dataFolder), output: output, logger: logger,
            clock: clock,
            environment: environment)
        defer { context.close() }
        do {
            let arguments = try Arguments(
                rest, command: type.spelled, valued: type.valuedOptions, flags: type.flags.union(["json"]))
            return try type.init(arguments).run(context).rawValue
        } catch {
            return report(error)
        }
    }

    /// The time the command runs at: `ECLUSE_NOW` (an ISO 8601 instant) replaces the clock, so
    /// that deadlines and expiries can be tested and a past run replayed.
    private static func clock(from environment: [String: String]) throws -> (any Clock)? {
        guard let text = environment["ECLUSE_NOW"] else { return nil }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = ISO8601DateFormatter().date(from: text) ?? fractional.date(from: text) else {
            throw CLIError(
                "ECLUSE_NOW is not an ISO 8601 instant", fix: "write it as 2026-12-04T09:30:00Z, or unset it")
        }
        return FixedClock(date)
    }

    private static func command(for words: [String]) -> (any Command.Type, [String])? {
        for type in allCommands where words.starts(with: type.name) {
            return (type, Array(words.dropFirst(type.name.count)))
        }
        return nil
    }

    private static func report(_ error: any Error) -> Int32 {
        let (text, code): (String, ExitCode) =
            switch error {
            case let error as CLIError: (error.description, error.exitCode)
            case let error as StoreError: (error.description, .failure)
            default: ("\(error)", .failure)
            }
        FileHandle.standardError.write(Data("error: \(text)\n".utf8))
        return code.rawValue
    }

    static var overview: String {
        let width = allCommands.map { $0.spelled.count }.max() ?? 0
        let lines = allCommands.map {
            "  \($0.spelled.padding(toLength: width + 2, withPad: " ", startingAt: 0))\($0.summary)"
        }
        return """
            Ecluse lets CRM contacts leave only as a written policy allows, and proves what left.

            Usage: ecluse [--data DIR] COMMAND [OPTIONS]

            Commands:
            \(lines.joined(separator: "\n"))

            \(commonOptionsHelp)

            Exit status: 0 success; 1 a failure while running (a destination, the store);
            2 bad input (usage, a malformed policy or file; nothing of it applied);
            3 the ledger does not verify.

            Run `ecluse COMMAND --help` for the options of a command.
            """
    }
}

/// Options every command takes, wherever they stand on the line.
struct GlobalOptions {
    var dataFolder: String?
    var logLevel: Logger.Level = .warning
    var logPersonalData = false

    init(extractingFrom words: inout [String]) throws {
        var kept: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            switch word {
            case "--":
                kept.append(contentsOf: words[(index - 1)...])
                index = words.count
            case "--data", "--log-level":
                guard index < words.count else { throw CLIError("the option \(word) needs a value") }
                try set(word, words[index])
                index += 1
            case _ where word.hasPrefix("--data=") || word.hasPrefix("--log-level="):
                let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                try set(parts[0], parts.count > 1 ? parts[1] : "")
            case "--log-personal-data":
                logPersonalData = true
            default:
                kept.append(word)
            }
        }
        words = kept
    }

    private mutating func set(_ option: String, _ value: String) throws {
        if option == "--data" {
            guard !value.isEmpty else { throw CLIError("--data needs a folder") }
            dataFolder = value
        } else {
            guard let level = Logger.Level(name: value) else {
                throw CLIError(
                    "unknown log level `\(value)`",
                    fix: "use one of \(Logger.Level.allCases.map(\.name).joined(separator: ", "))")
            }
            logLevel = level
        }
    }
}
