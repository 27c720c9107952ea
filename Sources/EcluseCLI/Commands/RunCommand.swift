import EcluseCore
import EcluseStore
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
        // First, so that a SIGTERM sent as the process starts is a clean stop too.
        let stop = StopSignal()
        let store = try context.store()
        let loop = try DataFolderLock(folder: context.dataFolder, command: "run", kind: .runLoop)
        defer { withExtendedLifetime(loop) {} }
        let policyPath = policyFile ?? context.defaultPolicyPath
        guard FileManager.default.fileExists(atPath: policyPath) else {
            throw CLIError(
                "no policy file at \(policyPath)",
                fix: "check --policy; `ecluse init` writes a commented sample policy")
        }
        var number = 0
        while !stop.requested {
            number += 1
            // Both are read before the pass, so that a change made during it wakes the next one.
            // The store's counter moves only with other processes' commits, not the pass's own.
            let policyStamp = Self.stamp(policyPath)
            let storeCount = try? store.othersChangeCount()
            var next: Date?
            var failed = false
            do {
                let outcome = try SyncCommand.syncOnce(context, policyFile: policyFile, command: "run")
                next = outcome.nextDeadline
                context.output.line(Self.statusLine(number, outcome.report, next: next, at: context.clock.now()))
                context.output.flush()
            } catch {
                failed = true
                FileHandle.standardError.write(Data("run \(number): not synced: \(error)\n".utf8))
            }
            let changed = { Self.stamp(policyPath) != policyStamp || (try? store.othersChangeCount()) != storeCount }

            // The deadline is measured on the command's clock (ECLUSE_NOW may move it), the wait
            // on the wall clock; a deadline already past waits a second rather than spinning.
            let untilDeadline = next.map { max(1, $0.timeIntervalSince(context.clock.now())) } ?? .infinity
            let wake = Date().addingTimeInterval(min(untilDeadline, TimeInterval(interval)))
            // After a failed pass (a lock held by an import, a destination down), changes wait a
            // few seconds, so that a busy store does not make the loop retry many times a second.
            let earliest = Date().addingTimeInterval(failed ? min(5, TimeInterval(interval)) : 0)
            while !stop.requested, Date() < wake, Date() < earliest || !changed() {
                usleep(200_000)
            }
            Self.settle(policyPath, unless: stop)
        }
        context.output.line("stopped after \(number) run(s)")
        return .success
    }

    /// One pass in one line: what changed, what failed, what was held back, what comes next.
    private static func statusLine(_ number: Int, _ report: SyncReport, next: Date?, at now: Date) -> String {
        let changes = report.collections.reduce(0) { $0 + $1.created + $1.updated + $1.deleted }
        let failed = report.collections.reduce(0) { $0 + $1.failed + ($1.error == nil ? 0 : 1) }
        let held = report.collections.filter { $0.heldBack != nil }.count
        return "run \(number) at \(LedgerDay.stamp(now)): \(changes) change(s), \(failed) failure(s), "
            + "\(held) collection(s) held back" + (next.map { "; next deadline \(LedgerDay.stamp($0))" } ?? "")
    }

    /// Waits until the policy file has not changed for half a second (at most five seconds), so
    /// that a file an editor is still writing is not read half-way.
    ///
    /// A file truncated and left so for longer is read as it stands; `policy check` refuses
    /// most cut files, but a cut after a complete section can be valid.
    private static func settle(_ path: String, unless stop: StopSignal) {
        var last = stamp(path)
        for _ in 0..<10 where !stop.requested {
            usleep(500_000)
            let now = stamp(path)
            if now == last { return }
            last = now
        }
    }

    /// A file's modification time and size, nil when it is not there.
    private struct FileStamp: Equatable {
        var modified: Date?
        var size: UInt64?

        init(_ path: String) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            modified = attributes?[.modificationDate] as? Date
            size = (attributes?[.size] as? NSNumber)?.uint64Value
        }
    }

    /// The stamps of a file and, when it is a symbolic link, of its target: an edit of the
    /// target and a retargeted link both count as changes.
    private static func stamp(_ path: String) -> [FileStamp] {
        [FileStamp(path), FileStamp(URL(fileURLWithPath: path).resolvingSymlinksInPath().path)]
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
