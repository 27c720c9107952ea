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
    /// A copy someone else changed or removed was written back (`on-drift: restore`).
    case copyRestored = "copy.restore"
    /// A copy someone else changed or removed was left as it is (`on-drift: report`).
    case driftReported = "drift.report"
    /// A user's calendar feed was served: one entry per feed token and hour, naming the token
    /// (not a subject) and the fields the feed carried.
    case feedServed = "feed.serve"
    /// A user downloaded a subject's vCard from the web app ("add to my phone").
    case downloaded = "copy.download"
    /// A user was shown a subject's vCard as a QR code, which a phone can scan: a download too.
    case shownAsQRCode = "copy.qr"
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

/// The one text form of ledger times: UTC with milliseconds (`2026-12-04T16:41:07.123Z`).
///
/// Written and read by hand with `gmtime_r` and `timegm`: Foundation's ISO 8601 formatter
/// loads ICU locale data each time it is made, which dominated a no-change sync.
public enum LedgerTime {
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds.floorDivided(by: 1000))
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
            + "T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
            + ".\(pad(fraction, 3))Z"
    }

    /// Reads what `format` writes; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58,
            bytes[16] == 58, bytes[19] == 46, bytes[23] == 90
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            let millisecond = number(20..<23), (1...12).contains(month), (1...31).contains(day), hour < 24,
            minute < 60, second < 61
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds) + Double(millisecond) / 1000)
    }

    /// Rounds a date to what `format` keeps, so a stored entry hashes as it did when made.
    public static func rounded(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }
}
