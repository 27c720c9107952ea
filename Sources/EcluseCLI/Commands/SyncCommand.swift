import EcluseCore
import EcluseLogging
import EcluseStore
import EcluseSync
import Foundation

/// `ecluse sync`: applies the plan at every destination and records it in the ledger.
struct SyncCommand: Command {
    static let name = ["sync"]
    static let summary = "send what the policy allows to every destination, and take back the rest"
    static let help = """
        Usage: ecluse sync [--policy FILE] [--json]

        Plans every collection (see `ecluse plan`), then creates, updates and deletes the copies
        at each destination. Each confirmed change is written to the copies table and the ledger
        in one transaction. A destination that fails is reported and the others go on; a second
        sync right after the first has nothing to do.

        Exit status: 0 when every destination is in step with the policy, 1 when some change
        failed (run it again once the destination is back), 2 when the policy is invalid.
        """
    static let valuedOptions: Set<String> = ["policy"]
    static let flags: Set<String> = ["json"]

    let policyFile: String?

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else { throw CLIError.usage("sync takes no operands", command: "sync") }
        policyFile = arguments.value("policy")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let outcome = try SyncCommand.syncOnce(context, policyFile: policyFile, command: "sync")
        if context.output.json {
            try context.output.emit(outcome.report.collections.map(CollectionReportJSON.init))
            return outcome.report.succeeded ? .success : .failure
        }
        SyncCommand.print(outcome, to: context.output)
        if !outcome.report.succeeded {
            context.output.line(
                "hint: fix what is named above, then run `ecluse sync` again; "
                    + "changes already made are recorded and will not be repeated")
        }
        return outcome.report.succeeded ? .success : .failure
    }

    /// What one sync did, with the policy it ran under and when the plan next changes by itself.
    struct Outcome {
        var report: SyncReport
        var policy: Policy
        var nextDeadline: Date?
    }

    /// Plans and applies the policy once, under the data folder's lock.
    static func syncOnce(_ context: CommandContext, policyFile: String?, command: String) throws -> Outcome {
        let loaded = try context.policy(at: policyFile)
        let store = try context.store()
        let lock = try DataFolderLock(folder: context.dataFolder, command: command)
        defer { withExtendedLifetime(lock) {} }
        try store.recordPolicyVersion(loaded.policy.version, text: loaded.text, at: context.clock.now())
        let logger = context.logger.with("run", .plain(String(UInt32.random(in: 0...UInt32.max), radix: 16)))
        let engine = SyncEngine(
            store: store, policy: loaded.policy,
            retired: try RetiredDestinations.find(in: store, current: loaded.policy), connectors: context.connectors,
            clock: context.clock, logger: logger)

        try store.countSyncRun()
        let reconciled = try engine.reconcileIntents()
        if reconciled > 0 {
            context.output.line(
                "\(reconciled) operation(s) of an interrupted sync had reached their destination: now in the ledger")
        }
        let plans = try engine.plan()
        let report = engine.run(plans) { done, total in context.output.progress("syncing", done: done, total: total) }
        return Outcome(report: report, policy: loaded.policy, nextDeadline: engine.nextDeadline)
    }

    /// One line per collection, then a total; warnings for held-back collections on stderr.
    static func print(_ outcome: Outcome, to output: Output) {
        let report = outcome.report
        for collection in report.collections {
            var line =
                "\(collection.collection): \(collection.created) created, \(collection.updated) updated, "
                + "\(collection.deleted) deleted"
            if collection.failed > 0 { line += ", \(collection.failed) failed" }
            if collection.restored > 0 {
                line += "; \(collection.restored) changed or removed by someone else and written back"
            }
            if collection.driftReported > 0 {
                line +=
                    "; \(collection.driftReported) changed or removed by someone else, left as they are "
                    + "(on-drift: report)"
            }
            if let reason = collection.driftUnchecked {
                FileHandle.standardError.write(
                    Data("warning: \(collection.collection) could not be checked for drift: \(reason)\n".utf8))
            }
            if let error = collection.error { line += "; not synced: \(error)" }
            if let flag = outcome.policy.destination(named: collection.collection.destination)?.residency.flag {
                line += " [\(flag)]"
            }
            if let reason = collection.heldBack {
                line += "; held back: \(reason)"
                FileHandle.standardError.write(
                    Data(
                        ("warning: \(collection.collection) receives nothing new: \(reason); file the document "
                            + "with `ecluse attestation add`\n").utf8))
            }
            output.line(line)
            for failure in Set(collection.failures).sorted().prefix(5) { output.line("  \(failure)") }
        }
        let sum = report.collections.reduce(0) { $0 + $1.created + $1.updated + $1.deleted + $1.driftReported }
        output.line("Sync \(report.succeeded ? "done" : "incomplete"): \(sum) change(s) recorded in the ledger")
    }
}

/// The JSON form of one collection's sync.
struct CollectionReportJSON: Encodable {
    var destination: String
    var user: String?
    var created: Int
    var updated: Int
    var deleted: Int
    var failed: Int
    var restored: Int
    var driftReported: Int
    var driftUnchecked: String?
    var failures: [String]
    var error: String?
    var heldBack: String?

    init(_ report: CollectionReport) {
        destination = report.collection.destination
        user = report.collection.userOrNil
        created = report.created
        updated = report.updated
        deleted = report.deleted
        failed = report.failed
        restored = report.restored
        driftReported = report.driftReported
        driftUnchecked = report.driftUnchecked
        failures = report.failures
        error = report.error
        heldBack = report.heldBack
    }
}
