/// Checks the hash chain of the ledger from its first entry to its recorded head.
public struct LedgerVerifier: Sendable {
    public init() {}

    /// Verifies `entries` (in stored order) against `head`; returns the first problem found.
    public func verify(_ entries: some Sequence<LedgerEntry>, head: LedgerHead) -> LedgerVerification {
        var expectedSequence: Int64 = 1
        var previousHash = LedgerEntry.genesisHash
        var count = 0

        for entry in entries {
            if entry.sequence > expectedSequence {
                return .broken(LedgerBreak(sequence: expectedSequence, reason: "it is missing"))
            }
            if entry.sequence < expectedSequence {
                return .broken(LedgerBreak(sequence: entry.sequence, reason: "it is out of order"))
            }
            if entry.previousHash != previousHash {
                return .broken(LedgerBreak(sequence: entry.sequence, reason: "it does not follow the entry before it"))
            }
            if entry.computedHash() != entry.hash {
                return .broken(LedgerBreak(sequence: entry.sequence, reason: "its content does not match its hash"))
            }
            previousHash = entry.hash
            expectedSequence += 1
            count += 1
        }
        if head.sequence != Int64(count) || head.hash != previousHash {
            let sequence = min(Int64(count) + 1, max(head.sequence, 1))
            return .broken(
                LedgerBreak(
                    sequence: sequence,
                    reason: "the ledger ends at entry \(count) but its recorded head is entry \(head.sequence); "
                        + "entries were removed"
                ))
        }
        return .intact(entries: count, head: previousHash)
    }
}

/// The outcome of a verification.
public enum LedgerVerification: Sendable, Hashable {
    case intact(entries: Int, head: String)
    case broken(LedgerBreak)
}

/// The first entry where the chain breaks, and why.
public struct LedgerBreak: Sendable, Hashable, CustomStringConvertible {
    public var sequence: Int64
    public var reason: String

    public init(sequence: Int64, reason: String) {
        self.sequence = sequence
        self.reason = reason
    }

    public var description: String { "entry \(sequence): \(reason)" }
}
