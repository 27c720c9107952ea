import EcluseLedger
import EcluseStore

/// `ecluse ledger verify`: checks the ledger's hash chain.
struct LedgerVerifyCommand: Command {
    static let name = ["ledger", "verify"]
    static let summary = "check that no ledger entry was changed, removed or reordered"
    static let help = """
        Usage: ecluse ledger verify [--json]

        Recomputes the hash chain of the ledger from its first entry to its recorded head.

        Exit status: 0 when the ledger is intact, 3 when it is not (the first bad entry is
        named), 1 when the store cannot be read.
        """
    static let flags: Set<String> = ["json"]

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else {
            throw CLIError.usage("ledger verify takes no operands", command: "ledger verify")
        }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        let head: LedgerHead
        do { head = try store.ledgerHead() } catch {
            return broken(LedgerBreak(sequence: 0, reason: "the recorded head of the ledger is damaged"), context)
        }
        let cursor = LedgerCursor(store: store)
        let result = LedgerVerifier().verify(cursor, head: head)
        if cursor.failure != nil {
            let reason = "entry \(cursor.lastSequence + 1) cannot be read"
            return broken(LedgerBreak(sequence: cursor.lastSequence + 1, reason: reason), context)
        }
        guard case .intact(let entries, let hash) = result else {
            if case .broken(let problem) = result { return broken(problem, context) }
            return .integrity
        }
        let unbacked = try store.copiesWithoutTheirLedgerEntry()
        if !unbacked.isEmpty {
            let reason = "\(unbacked.count) copies at destinations have no matching ledger entry; entries were removed"
            return broken(LedgerBreak(sequence: max(Int64(entries), 1), reason: reason), context)
        }
        if context.output.json {
            try context.output.emit(["status": "intact", "entries": "\(entries)", "head": hash])
        } else {
            context.output.line("Ledger verified: \(entries) entries, head \(hash.prefix(16))")
        }
        return .success
    }

    private func broken(_ problem: LedgerBreak, _ context: CommandContext) -> ExitCode {
        if context.output.json {
            try? context.output.emit(["status": "broken", "entry": "\(problem.sequence)", "reason": problem.reason])
        } else {
            context.output.line("Ledger broken at entry \(problem.sequence): \(problem.reason)")
            context.output.line(
                "hint: restore the data folder from a backup and tell your DPO; "
                    + "entries from \(problem.sequence) on cannot be trusted")
        }
        return .integrity
    }
}

/// `ecluse ledger show`: lists ledger entries.
struct LedgerShowCommand: Command {
    static let name = ["ledger", "show"]
    static let summary = "list ledger entries, newest last"
    static let help = """
        Usage: ecluse ledger show [--subject PSEUDONYM] [--destination NAME] [--limit N] [--json]

        Lists what moved: each entry's number, time, action, collection, subject pseudonym,
        fields and policy version. Subjects appear only as pseudonyms.

          --subject PSEUDONYM   only this subject's entries
          --destination NAME    only entries for this destination
          --limit N             the last N matching entries (default 50)
          --json                print the entries as JSON, hashes included
        """
    static let valuedOptions: Set<String> = ["subject", "destination", "limit"]
    static let flags: Set<String> = ["json"]

    let subject: String?
    let destination: String?
    let limit: Int

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else {
            throw CLIError.usage("ledger show takes no operands", command: "ledger show")
        }
        subject = arguments.value("subject")
        destination = arguments.value("destination")
        limit = try arguments.integer("limit", default: 50, command: "ledger show")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        var matching: [LedgerEntry] = []
        let cursor = LedgerCursor(store: store)
        for entry in cursor {
            if let subject, entry.subject != subject { continue }
            if let destination, entry.destination != destination { continue }
            matching.append(entry)
            if matching.count > limit { matching.removeFirst() }
        }
        if let failure = cursor.failure { throw failure }
        if context.output.json {
            try context.output.emit(matching)
            return .success
        }
        for entry in matching {
            let collection =
                entry.collectionUser.isEmpty ? entry.destination : "\(entry.destination)/\(entry.collectionUser)"
            context.output.line(
                "#\(entry.sequence) \(LedgerTime.format(entry.recordedAt)) \(entry.action.rawValue) "
                    + "\(collection) \(entry.subject) [\(entry.fields.joined(separator: ","))] "
                    + "policy \(entry.policyVersion.prefix(12))"
            )
        }
        context.output.line("\(matching.count) entr\(matching.count == 1 ? "y" : "ies") shown")
        return .success
    }
}
