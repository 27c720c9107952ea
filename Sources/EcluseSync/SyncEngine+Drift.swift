import EcluseConnectors
import EcluseCore
import EcluseLogging
import EcluseStore
import Foundation

/// Finding the copies someone else changed or removed, from the cheapest listing the connector
/// offers, and telling a real change from a server that only moved an item's version tag.
extension SyncEngine {
    /// What a collection's listing says about its copies.
    struct DriftFindings {
        var drifts: [Drift]
        /// Copies whose content is as Ecluse wrote it under a new version tag.
        var retagged: [CopyRecord]
        var listingState: String?
    }

    /// Lists the collection from the state the last clean run kept, and finds the drifted copies
    /// among `records`. With `desired`, a copy whose tag moved is read back (in bulk) and counts
    /// as drifted only when its content differs from what Ecluse writes for it; without, every
    /// moved tag counts.
    func findDrift(
        at connector: any Connector, location: String, records: [CopyRecord], desired: [DesiredCopy]?,
        format: ItemFormat, planned: Set<SubjectID> = []
    ) throws -> DriftFindings {
        let placement = CollectionPlacement(collection: connector.collection, location: location)
        let known = records.map { RemoteItem(remoteID: $0.remoteID, etag: $0.etag) }
        let listing =
            try listings[placement]
            ?? connector.listItems(known: known, since: try store.listingState(of: connector.collection, at: location))
        listings[placement] = listing
        var findings = DriftFindings(
            drifts: Drift.find(in: records, listed: listing.items), retagged: [], listingState: listing.state)
        guard let desired else { return findings }

        // Only a copy that is current and not about to be rewritten is worth reading back: the
        // others are written again by the plan whatever the server holds.
        let wanted = Dictionary(desired.map { ($0.subject, $0) }, uniquingKeysWith: { first, _ in first })
        let suspects = findings.drifts.filter { drift in
            drift.kind == .changed && !planned.contains(drift.record.subject)
                && wanted[drift.record.subject]?.contentHash == drift.record.contentHash
        }
        guard !suspects.isEmpty else { return findings }
        let contents: [String: ItemContent]
        do {
            let read = try connector.contents(of: suspects.map(\.record.remoteID))
            contents = Dictionary(read.map { ($0.remoteID, $0) }, uniquingKeysWith: { first, _ in first })
        } catch {
            // Unread, a moved tag counts as drift, as it did before items were read back.
            logger.warning(
                "items whose version changed could not be read back; they count as changed",
                metadata: ["collection": .plain(connector.collection.description), "error": .plain("\(error)")])
            return findings
        }
        var unchanged: Set<SubjectID> = []
        for drift in suspects {
            guard let content = contents[drift.record.remoteID], let copy = wanted[drift.record.subject],
                format.holdsSameContent(content.bytes, as: copy)
            else { continue }
            var record = drift.record
            record.etag = content.etag ?? drift.remoteETag
            findings.retagged.append(record)
            unchanged.insert(record.subject)
        }
        findings.drifts.removeAll { unchanged.contains($0.record.subject) }
        return findings
    }

    /// Records the tags of retagged copies, then keeps the listing state when the collection's
    /// plan was applied cleanly and wrote nothing: kept after a failure, it would hide a drift
    /// not yet handled.
    ///
    /// The state was read before the run's own writes. Kept after them, it would say that the
    /// collection's changes since then include those writes, and a server that gives every
    /// empty collection the same token (Radicale) would answer "no change" for a collection
    /// deleted and made again empty: the copies would look present while none is. So a run
    /// that wrote drops the state, and the next one lists in full and keeps a state that
    /// covers what is there.
    func settleListing(of plan: CollectionPlan, after report: CollectionReport, logger: Logger) {
        let clean =
            report.error == nil && report.failed == 0 && plan.heldBack == nil && plan.driftUnchecked == nil
        let wrote = report.created + report.updated + report.deleted > 0
        do {
            if !plan.retagged.isEmpty { try store.recordVersionTags(of: plan.retagged) }
            guard clean, !wrote, let state = plan.listingState else {
                if wrote { try store.setListingState(nil, of: plan.collection, at: plan.location, now: clock.now()) }
                return
            }
            try store.setListingState(state, of: plan.collection, at: plan.location, now: clock.now())
        } catch {
            logger.warning(
                "the collection's listing state could not be kept; the next sync lists it again",
                metadata: ["error": .plain("\(error)")])
        }
    }
}
