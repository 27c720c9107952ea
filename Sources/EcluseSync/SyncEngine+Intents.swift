import EcluseConnectors
import EcluseCore
import EcluseLedger
import EcluseLogging
import EcluseStore
import Foundation

extension SyncEngine {
    /// Settles the intents a run left when it ended while sending: a create whose item is there
    /// and a delete whose item is gone landed, and are recorded with their ledger entries; the
    /// others are simply planned again. Returns how many were recorded.
    ///
    /// An update is never taken as landed from its item's version tag alone: a run records the
    /// intents of a whole group before it sends the first, and an item someone else changed
    /// has a new tag too. Its copy row is left as it was, so the next plan reads the item back
    /// (drift): if it holds what Ecluse meant to write, only the tag is taken and the update
    /// is sent again and ledgered; if it holds someone else's change, the destination's
    /// `on-drift` applies.
    ///
    /// Call it before `plan()`, and only while holding the data folder's lock: the intents of
    /// a run still sending are not to be settled by another process. A collection that cannot
    /// be listed keeps its intents for the next run.
    public func reconcileIntents() throws -> Int {
        let intents = try store.intents()
        guard !intents.isEmpty else { return 0 }
        let pseudonyms = Pseudonymizer(key: try store.pseudonymKey())
        var settled = 0
        let groups = Dictionary(grouping: intents) {
            CollectionPlacement(collection: $0.collection, location: $0.location)
        }
        for (placement, group) in groups.sorted(by: { $0.key < $1.key }) {
            let key = placement.collection
            guard let destination = policy.destination(named: key.destination) ?? retired[key.destination],
                let connector = try? connectors.connector(for: destination, collection: key, at: placement.location),
                let listed = try? connector.listItems()
            else { continue }
            let records = Dictionary(
                try store.copies(in: key).map { ($0.subject, $0) }, uniquingKeysWith: { first, _ in first })
            for intent in group {
                if let entry = try settle(intent, listed: listed, record: records[intent.subject], pseudonyms) {
                    settled += 1
                    logger.notice(
                        "an operation of an interrupted run had landed and is now recorded",
                        metadata: ["collection": .plain(key.description), "ledger": .plain("\(entry.sequence)")])
                }
                try store.clearIntent(in: key, subject: intent.subject)
            }
        }
        return settled
    }

    private func settle(
        _ intent: Intent, listed: [RemoteItem], record: CopyRecord?, _ pseudonyms: Pseudonymizer
    ) throws -> LedgerEntry? {
        let item = listed.first { $0.remoteID.contains(intent.copyUID) }
        let subject = pseudonyms.pseudonym(for: intent.subject)
        func draft(_ action: LedgerAction, _ copy: CopyRecord) -> LedgerDraft {
            LedgerDraft(
                recordedAt: intent.startedAt, action: action, collection: copy.collection, subject: subject,
                copyUID: copy.copyUID, contentHash: action == .copyDeleted ? "" : copy.contentHash,
                fields: action == .copyDeleted ? [] : copy.fields, policyVersion: policy.version)
        }
        switch intent.kind {
        case .create:
            guard let item, record == nil else { return nil }
            let copy = CopyRecord(
                collection: intent.collection, subject: intent.subject, copyUID: intent.copyUID,
                remoteID: item.remoteID, location: intent.location, etag: item.etag, contentHash: intent.contentHash,
                fields: intent.fields, createdAt: intent.startedAt, updatedAt: intent.startedAt)
            return try store.recordWrite(copy, entry: draft(.copyCreated, copy))
        case .update:
            return nil
        case .delete:
            guard item == nil, let copy = record else { return nil }
            return try store.recordDelete(copy, entry: draft(.copyDeleted, copy))
        }
    }
}
