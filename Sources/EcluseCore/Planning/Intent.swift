import Foundation

/// A remote operation Ecluse is about to send, recorded before it leaves.
///
/// Outcomes are recorded with their ledger entries once the destination confirms them. A run
/// killed in between leaves intents behind, and the next run reconciles each one with what
/// the destination holds (by the copy's name and version tag): a write that landed is recorded
/// and ledgered, one that did not is simply planned again. So no transfer escapes the ledger.
public struct Intent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case create, update, delete
    }

    public var collection: CollectionKey
    public var subject: SubjectID
    public var kind: Kind
    /// Where the operation goes (a folder, a collection URL).
    public var location: String
    /// The item's name at the destination.
    public var remoteID: String
    public var copyUID: String
    /// What the write carries, for creates and updates.
    public var contentHash: String
    public var fields: [String]
    public var startedAt: Date

    /// The intent of `operation`; a create's item name is not known before the destination
    /// answers, so it is found again by the copy's UID, which every item name holds.
    public init(_ operation: PlannedOperation, location: String, at date: Date) {
        switch operation {
        case .create(let copy):
            self.init(
                collection: copy.collection, subject: copy.subject, kind: .create, location: location,
                remoteID: "", copyUID: copy.copyUID, contentHash: copy.contentHash, fields: copy.fields.spellings,
                startedAt: date)
        case .update(let copy, let existing):
            self.init(
                collection: copy.collection, subject: copy.subject, kind: .update, location: location,
                remoteID: existing.remoteID, copyUID: copy.copyUID, contentHash: copy.contentHash,
                fields: copy.fields.spellings, startedAt: date)
        case .delete(let existing):
            self.init(
                collection: existing.collection, subject: existing.subject, kind: .delete, location: location,
                remoteID: existing.remoteID, copyUID: existing.copyUID, contentHash: "", fields: [],
                startedAt: date)
        }
    }

    public init(
        collection: CollectionKey, subject: SubjectID, kind: Kind, location: String, remoteID: String, copyUID: String,
        contentHash: String, fields: [String], startedAt: Date
    ) {
        self.collection = collection
        self.subject = subject
        self.kind = kind
        self.location = location
        self.remoteID = remoteID
        self.copyUID = copyUID
        self.contentHash = contentHash
        self.fields = fields
        self.startedAt = startedAt
    }
}
