import EcluseCore
import EcluseCrypto
import Foundation

/// One event that moved, showed or removed personal data, as the ledger keeps it.
///
/// An entry names its subject by a pseudonym (see `Pseudonymizer`), never by personal data,
/// and carries the hash of the entry before it, so that any edit, removal or reordering
/// breaks the chain (promise 3).
public struct LedgerEntry: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var recordedAt: Date
    public var action: LedgerAction
    public var destination: String
    /// The login of the collection's user for a per-user destination; empty when shared.
    public var collectionUser: String
    /// The subject's pseudonym.
    public var subject: String
    public var copyUID: String
    /// The hash of what was sent (empty for a delete).
    public var contentHash: String
    /// The field paths the copy carries after this event.
    public var fields: [String]
    /// The version (SHA-256) of the policy that allowed the event.
    public var policyVersion: String
    public var previousHash: String
    public var hash: String

    public init(draft: LedgerDraft, sequence: Int64, previousHash: String) {
        self.sequence = sequence
        self.recordedAt = draft.recordedAt
        self.action = draft.action
        self.destination = draft.destination
        self.collectionUser = draft.collectionUser
        self.subject = draft.subject
        self.copyUID = draft.copyUID
        self.contentHash = draft.contentHash
        self.fields = draft.fields
        self.policyVersion = draft.policyVersion
        self.previousHash = previousHash
        self.hash = ""
        self.hash = computedHash()
    }

    /// Rebuilds an entry exactly as stored, hash included, for verification.
    public init(
        sequence: Int64, recordedAt: Date, action: LedgerAction, destination: String, collectionUser: String,
        subject: String, copyUID: String, contentHash: String, fields: [String], policyVersion: String,
        previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.action = action
        self.destination = destination
        self.collectionUser = collectionUser
        self.subject = subject
        self.copyUID = copyUID
        self.contentHash = contentHash
        self.fields = fields
        self.policyVersion = policyVersion
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The SHA-256 over the previous hash and every field of this entry, length-prefixed so
    /// that no field can imitate another.
    public func computedHash() -> String {
        let parts = [
            "ecluse-ledger-v1", String(sequence), LedgerTime.format(recordedAt), action.rawValue, destination,
            collectionUser, subject, copyUID, contentHash, fields.joined(separator: ","), policyVersion,
            previousHash,
        ]
        return SHA256.hex(parts.map { "\($0.utf8.count):\($0)" }.joined(separator: "\n"))
    }

    /// The hash that stands before the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)
}

/// What kind of event an entry records.
public enum LedgerAction: String, Sendable, Hashable, Codable, CaseIterable {
    case copyCreated = "copy.create"
    case copyUpdated = "copy.update"
    case copyDeleted = "copy.delete"
}

/// An entry before it takes its place in the chain.
public struct LedgerDraft: Sendable, Hashable {
    public var recordedAt: Date
    public var action: LedgerAction
    public var destination: String
    public var collectionUser: String
    public var subject: String
    public var copyUID: String
    public var contentHash: String
    public var fields: [String]
    public var policyVersion: String

    public init(
        recordedAt: Date, action: LedgerAction, collection: CollectionKey, subject: String, copyUID: String,
        contentHash: String, fields: [String], policyVersion: String
    ) {
        self.recordedAt = recordedAt
        self.action = action
        self.destination = collection.destination
        self.collectionUser = collection.user
        self.subject = subject
        self.copyUID = copyUID
        self.contentHash = contentHash
        self.fields = fields
        self.policyVersion = policyVersion
    }
}

/// The last entry of the chain, kept apart so that removing the newest entries is detected.
public struct LedgerHead: Sendable, Hashable {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    public static let empty = LedgerHead(sequence: 0, hash: LedgerEntry.genesisHash)
}

/// The one text form of ledger times: UTC, milliseconds, so hashing is reproducible.
public enum LedgerTime {
    public static func format(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        return ISO8601DateFormatter.string(
            from: Date(timeIntervalSince1970: milliseconds / 1000), timeZone: .gmt,
            formatOptions: [.withInternetDateTime, .withFractionalSeconds])
    }

    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// Rounds a date to what `format` keeps, so a stored entry hashes as it did when made.
    public static func rounded(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
