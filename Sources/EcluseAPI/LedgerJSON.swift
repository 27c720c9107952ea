import EcluseLedger

/// One page of the ledger.
struct LedgerPageJSON: Encodable {
    var items: [LedgerEntry]
    var nextAfter: Int64?
}

/// The outcome of a verification.
struct LedgerVerificationJSON: Encodable {
    var status: String
    var entries: Int?
    var head: String?
    /// The first entry that cannot be trusted.
    var entry: Int64?
    var reason: String?

    static func broken(entry: Int64, reason: String) -> Self {
        LedgerVerificationJSON(status: "broken", entry: entry, reason: reason)
    }
}
