import EcluseCore
import EcluseSync
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `ecluse run`: the long-running mode. Syncs, then waits for a change or a deadline.
struct RunCommand: Command {
    static let name = ["run"]
    static let summary = "keep destinations in step: sync on changes and at deadlines, until stopped"
    static let help = """
        Usage: ecluse run [--interval SECONDS] [--policy FILE]

        Syncs (as `ecluse sync`), prints a status line, then waits until the policy file or the
        store changes (an import, an attestation), the next deadline comes (an attestation or a
        phone's attestation lapses, a kept period ends), or --interval seconds pass (default
        300), and syncs again. SIGTERM or SIGINT stop it after the sync under way: it exits 0.

        A sync that fails (a destination down, a policy with mistakes) is reported and tried
        again at the next wake-up; the store is never left half-written.
        """
    static let valuedOptions: Set<String> = ["interval", "policy"]

    let interval: Int
    let policyFile: String?

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else { throw CLIError.usage("run takes no operands", command: "run") }
        interval = try arguments.integer("interval", default: 300, command: "run")
        policyFile = arguments.value("policy")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        _ = try context.store()
        let stop = StopSignal()
        let watched = [
            policyFile ?? context.defaultPolicyPath, context.databasePath, context.databasePath + "-wal",
        ]
        var number = 0
        while !stop.requested {
            number += 1
            var next: Date?
            do {
                let outcome = try SyncCommand.syncOnce(context, policyFile: policyFile, command: "run")
                next = outcome.nextDeadline
                let report = outcome.report
                let changes = report.collections.reduce(0) { $0 + $1.created + $1.updated + $1.deleted }
                let failed = report.collections.reduce(0) { $0 + $1.failed + ($1.error == nil ? 0 : 1) }
                let held = report.collections.filter { $0.heldBack != nil }.count
                context.output.line(
                    "run \(number) at \(LedgerDay.stamp(context.clock.now())): \(changes) change(s), "
                        + "\(failed) failure(s), \(held) collection(s) held back"
                        + (next.map { "; next deadline \(LedgerDay.stamp($0))" } ?? ""))
            } catch {
                context.output.line("run \(number): not synced: \(error)")
            }
            let stamps = watched.map(Self.modification)
            let wake = min(next ?? .distantFuture, Date().addingTimeInterval(TimeInterval(interval)))
            while !stop.requested, Date() < wake, watched.map(Self.modification) == stamps {
                usleep(200_000)
            }
        }
        context.output.line("stopped after \(number) run(s)")
        return .success
    }

    /// When a file last changed, or nil when it is not there.
    private static func modification(of path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

/// Turns SIGTERM and SIGINT into a flag the run loop reads between syncs.
///
/// Not `Sendable`: it lives on the run loop's thread; only the flag crosses to the signal queue.
final class StopSignal {
    /// The flag the signal handlers set, shared with them.
    private final class Flag: Sendable {
        let raised = Atomic(false)
    }

    private let flag = Flag()
    private let sources: [any DispatchSourceSignal]

    init() {
        let flag = self.flag
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { flag.raised.store(true, ordering: .relaxed) }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    var requested: Bool { flag.raised.load(ordering: .relaxed) }
}

extension LedgerDay {
    /// An instant written for a status line: UTC, to the second.
    static func stamp(_ date: Date) -> String {
        let local = LocalDateTime(date, in: TimeZone(identifier: "UTC") ?? .current)
        return "\(local.date) " + String(format: "%02d:%02d:%02dZ", local.hour, local.minute, local.second)
    }
}
