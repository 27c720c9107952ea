import EcluseConnectors
import EcluseCore
import EcluseFormats
import EcluseLedger
import EcluseLogging
import EcluseStore
import Foundation

/// Plans what the policy demands now, then applies it through the connectors.
///
/// Decide and plan are pure (`DesiredState`, `Planner`); this type only reads the store,
/// hands batches to connectors and records each confirmed outcome with its ledger entry in
/// one transaction. A collection that fails is reported and the others go on.
public final class SyncEngine {
    let store: any Store
    let policy: Policy
    let retired: [String: Destination]
    let connectors: any ConnectorProvider
    let clock: any Clock
    let logger: Logger
    let checksDrift: Bool
    /// The next moment the plan changes by itself (an attestation or a phone's attestation
    /// lapses, a kept period ends), as the last `plan()` found it; nil when none is due.
    public internal(set) var nextDeadline: Date?
    /// Where the store stood when the last `plan()` began reading, for the fingerprint a clean
    /// run leaves (see `SyncEngine+Shortcut.swift`).
    var plannedState: (revision: Int64, subjectChanges: Int64)?
    /// The earliest end of a kept period among the copies the last `run` created.
    var keptUntil: Date?
    /// The listings the current `plan()` made, so that the full plan after a failed shortcut
    /// does not ask the destinations again.
    var listings: [CollectionPlacement: Listing] = [:]

    /// - Parameters:
    ///   - retired: destinations that earlier policy versions named and this one does not, so
    ///     that the copies left there can still be reached and removed.
    ///   - connectors: makes the connectors, and says where each collection lives.
    public init(
        store: any Store,
        policy: Policy,
        retired: [Destination] = [],
        connectors: any ConnectorProvider,
        clock: any Clock = SystemClock(),
        checksDrift: Bool = true,
        logger: Logger
    ) {
        self.store = store
        self.policy = policy
        self.retired = Dictionary(retired.map { ($0.name, $0) }, uniquingKeysWith: { newest, _ in newest })
        self.connectors = connectors
        self.clock = clock
        self.checksDrift = checksDrift
        self.logger = logger
    }

    /// The plan for every collection of every destination, in policy order.
    ///
    /// Copies recorded at a place where their collection no longer is (the destination's
    /// `path` or `url` changed) are planned as deletes there, before the creates at the new
    /// place; copies of a destination the policy no longer names are planned as deletes.
    public func plan() throws -> [CollectionPlan] {
        let stand = (revision: try store.revision(), subjectChanges: try store.subjectChanges())
        plannedState = stand
        listings = [:]
        if let shortcut = try shortcutPlans(from: stand) { return shortcut }
        let users = try store.users()
        let contacts = try store.allContacts()
        let now = clock.now()
        // Appointments are read only when a rule selects by them or a destination holds them:
        // decoding them is a tenth of a no-change sync's time.
        let needsAppointments =
            policy.rules.contains { $0.subjects.appointmentWithin != nil }
            || policy.destinations.contains { $0.items == .events }
        let appointments = needsAppointments ? try store.appointments(owner: nil) : []
        let context = DecisionContext(
            now: now, appointments: appointments, contacts: contacts, window: policy.appointmentWindow,
            expander: ICalOccurrences())
        let state = DesiredState(
            policy: policy, contacts: contacts, users: users, context: context, appointments: appointments,
            expander: ICalOccurrences())
        let attestations = try store.attestations()
        let devices = try store.deviceAttestations()
        var deadlines: [Date] = state.deadlines
        deadlines += attestations.map { LocalDateTime(date: $0.expiresOn).instantInUTC + 86_400 }
        if let preamble = policy.devicePreamble {
            deadlines += devices.map { $0.attestedAt.addingTimeInterval(preamble.validFor.seconds) }
        }
        let planner = Planner()
        var plans: [CollectionPlan] = []
        var planned: Set<CollectionKey> = []

        // Served destinations (downloads, feeds) have no copies to plan: each request decides.
        for destination in policy.destinations where !destination.kind.isServed {
            for key in DesiredState.collectionKeys(of: destination, users: users) {
                planned.insert(key)
                let here = try connectors.location(of: destination, collection: key)
                let existing = try store.copies(in: key)
                let current = existing.filter { $0.location.isEmpty || $0.location == here }
                let moved = Dictionary(grouping: existing.filter { !$0.location.isEmpty && $0.location != here }) {
                    $0.location
                }
                for (old, records) in moved.sorted(by: { $0.key < $1.key }) {
                    plans.append(planner.plan(key, at: old, desired: [], existing: records))
                }
                // A destination whose attestations lapsed receives nothing new; with `withdraw`
                // its copies are taken back too (promise 2).
                let eligibility = Eligibility(of: destination, attestations: attestations, at: now)
                let withdrawing = !eligibility.isEligible && destination.whenAttestationsLapse == .withdraw
                let desired = withdrawing ? [] : state.collections[key] ?? []
                var plan = planner.plan(
                    key, at: here, desired: desired, existing: current, now: now,
                    retired: try store.retiredSubjects(in: key))
                if checksDrift, !current.isEmpty {
                    plan = checkingDrift(plan, of: destination, records: current, desired: desired)
                }
                let created = Dictionary(current.map { ($0.subject, $0.createdAt) }, uniquingKeysWith: { a, _ in a })
                for copy in desired {
                    guard case .period(let period) = copy.keep, let made = created[copy.subject] else { continue }
                    deadlines.append(made.addingTimeInterval(period.seconds))
                }
                // A per-user collection serves its user only once their phone is attested.
                let device = key.userOrNil.flatMap { user in
                    policy.devicePreamble?.holdReason(for: user, attestations: devices, at: now)
                }
                let held = [eligibility.reason, device].compactMap { $0 }
                plans.append(held.isEmpty ? plan : plan.holdingBack(because: held.joined(separator: "; ")))
            }
        }
        nextDeadline = deadlines.filter { $0 > now }.min()
        let orphans = Dictionary(grouping: try store.allCopies().filter { !planned.contains($0.collection) }) {
            CollectionPlacement(collection: $0.collection, location: $0.location)
        }
        for (placement, records) in orphans.sorted(by: { $0.key < $1.key }) {
            plans.append(planner.plan(placement.collection, at: placement.location, desired: [], existing: records))
        }
        return plans
    }

    /// `plan` with the copies someone else changed or removed at the destination handled as
    /// the destination's `on-drift` says. A collection that cannot be listed is planned as it
    /// was, with the reason kept for the report: drift is checked again on the next run.
    private func checkingDrift(
        _ plan: CollectionPlan, of destination: Destination, records: [CopyRecord], desired: [DesiredCopy]
    ) -> CollectionPlan {
        do {
            let connector = try connectors.connector(for: destination, collection: plan.collection, at: plan.location)
            let findings = try findDrift(
                at: connector, location: plan.location, records: records, desired: desired,
                format: ItemFormat(destination.items), planned: Set(plan.operations.map(\.subject)))
            var handled = plan.handling(findings.drifts, as: destination.onDrift, desired: desired)
            handled.retagged = findings.retagged
            handled.listingState = findings.listingState
            return handled
        } catch {
            var unchecked = plan
            unchecked.driftUnchecked = "\(error)"
            return unchecked
        }
    }

    /// Whether a collection's destination can be reached: named by this policy or an earlier one.
    public func canReach(_ collection: CollectionKey) -> Bool {
        policy.destination(named: collection.destination) != nil || retired[collection.destination] != nil
    }

    /// How many operations share one transaction of intents and one of outcomes, for
    /// connectors that send one item at a time: two commits per item cost a first sync of
    /// 1,000 cards to a CardDAV server about a fifth of its CPU time.
    static let operationsPerCommit = 32

    /// Applies `plans`; `progress` is called after each group with the operations done so far.
    public func run(_ plans: [CollectionPlan], progress: (Int, Int) -> Void = { _, _ in }) -> SyncReport {
        let total = plans.reduce(0) { $0 + $1.operations.count }
        let pseudonyms: Pseudonymizer
        do { pseudonyms = Pseudonymizer(key: try store.pseudonymKey()) } catch {
            return SyncReport(collections: plans.map { CollectionReport(collection: $0.collection, error: "\(error)") })
        }
        var done = 0
        var reports: [CollectionReport] = []
        var stranded: Set<CollectionKey> = []

        for plan in plans {
            var report = CollectionReport(collection: plan.collection)
            report.heldBack = plan.heldBack
            report.driftUnchecked = plan.driftUnchecked
            let log = logger.with("collection", .plain(plan.collection.description))
            do {
                try recordReported(plan.reported, pseudonyms: pseudonyms, report: &report)
            } catch {
                report.error = "\(error)"
            }
            if plan.operations.isEmpty {
                settleListing(of: plan, after: report, logger: log)
                reports.append(report)
                continue
            }
            // Until the copies at a former place are taken back, nothing new goes to the new
            // one: the copies table must never forget a copy that is still out there.
            if stranded.contains(plan.collection) {
                report.error =
                    "copies at the destination's former place could not be taken back, so nothing "
                    + "new was sent; run `ecluse sync` again once the former place answers"
                done += plan.operations.count
                progress(done, total)
                reports.append(report)
                continue
            }
            do {
                let connector = try connector(for: plan)
                try connector.prepare()
                let batchSize = max(1, connector.preferredBatchSize)
                for group in plan.operations.chunked(into: max(batchSize, Self.operationsPerCommit)) {
                    // The intents of a whole group are recorded before its first operation is
                    // sent, and its outcomes in one transaction after its last: a crash in
                    // between leaves intents, which the next run settles against the server.
                    try store.recordIntents(group.map { Intent($0, location: plan.location, at: clock.now()) })
                    var applied: [(PlannedOperation, OperationOutcome)] = []
                    var failure: (any Error)?
                    for batch in group.chunked(into: batchSize) {
                        do {
                            let outcomes = try connector.apply(Array(batch))
                            guard outcomes.count == batch.count else {
                                throw SyncError(
                                    "the connector answered \(outcomes.count) outcomes for \(batch.count) operations",
                                    fix: "this is a bug in the connector; report it")
                            }
                            applied += zip(batch, outcomes)
                        } catch {
                            // What was applied before the collection stopped answering is
                            // still recorded, below.
                            failure = error
                            break
                        }
                    }
                    var recorded = report
                    try store.transaction {
                        for (operation, outcome) in applied {
                            try record(
                                operation, outcome, at: plan.location, retiring: plan.expiring,
                                restoring: plan.restoring, pseudonyms: pseudonyms, report: &recorded, logger: log)
                            // A failed operation keeps its intent: the next run looks whether
                            // it landed after all.
                            if case .failed = outcome { continue }
                            try store.clearIntent(in: plan.collection, subject: operation.subject)
                        }
                    }
                    report = recorded
                    done += applied.count
                    progress(done, total)
                    if let failure { throw failure }
                }
            } catch {
                report.error = "\(error)"
                log.error("the collection could not be synced", metadata: ["error": .plain("\(error)")])
                done += plan.operations.count - report.attempted
                progress(done, total)
            }
            if report.error != nil || report.failed > 0 { stranded.insert(plan.collection) }
            settleListing(of: plan, after: report, logger: log)
            log.info(
                "collection synced",
                metadata: [
                    "created": .plain("\(report.created)"), "updated": .plain("\(report.updated)"),
                    "deleted": .plain("\(report.deleted)"), "failed": .plain("\(report.failed)"),
                ])
            reports.append(report)
        }
        let report = SyncReport(collections: reports)
        recordFingerprint(after: report)
        return report
    }

    private func connector(for plan: CollectionPlan) throws -> any Connector {
        let collection = plan.collection
        guard let destination = policy.destination(named: collection.destination) ?? retired[collection.destination]
        else {
            throw SyncError(
                "the destination \(collection.destination) holds copies but no policy version names its settings",
                fix: "Add it back to the policy for one sync to remove its copies, then take it out again")
        }
        let location =
            plan.location.isEmpty ? try connectors.location(of: destination, collection: collection) : plan.location
        return try connectors.connector(for: destination, collection: collection, at: location)
    }

    private func record(
        _ operation: PlannedOperation,
        _ outcome: OperationOutcome,
        at location: String,
        retiring: Set<SubjectID>,
        restoring: Set<SubjectID>,
        pseudonyms: Pseudonymizer,
        report: inout CollectionReport,
        logger: Logger
    ) throws {
        let now = clock.now()
        let subject = pseudonyms.pseudonym(for: operation.subject)
        switch (operation, outcome) {
        case (.create(let copy), .written(let remoteID, let etag)):
            let record = CopyRecord(
                collection: copy.collection, subject: copy.subject, copyUID: copy.copyUID, remoteID: remoteID,
                location: location, etag: etag, contentHash: copy.contentHash, fields: copy.fields.spellings,
                createdAt: now, updatedAt: now
            )
            try store.recordWrite(record, entry: draft(.copyCreated, record, subject: subject, at: now))
            report.created += 1
            if case .period(let period) = copy.keep {
                keptUntil = min(keptUntil ?? .distantFuture, now.addingTimeInterval(period.seconds))
            }
        case (.update(let copy, let existing), .written(let remoteID, let etag)):
            var record = existing
            record.remoteID = remoteID
            record.location = location
            record.etag = etag
            record.contentHash = copy.contentHash
            record.fields = copy.fields.spellings
            record.updatedAt = now
            let restored = restoring.contains(copy.subject)
            try store.recordWrite(
                record, entry: draft(restored ? .copyRestored : .copyUpdated, record, subject: subject, at: now))
            report.updated += 1
            if restored { report.restored += 1 }
        case (.delete(let existing), .deleted):
            var entry = draft(.copyDeleted, existing, subject: subject, at: now)
            entry.contentHash = ""
            entry.fields = []
            try store.recordDelete(existing, entry: entry, retiring: retiring.contains(existing.subject))
            report.deleted += 1
        case (_, .failed(let error)):
            report.failed += 1
            report.failures.append("\(error)")
            logger.warning("an item was refused", metadata: ["subject": .plain(subject), "error": .plain("\(error)")])
            logger.debug("server detail", metadata: ["detail": .sensitive(error.detail ?? "")])
        default:
            report.failed += 1
            report.failures.append("the connector answered a \(operation) with an unexpected outcome")
        }
    }

    /// Records each reported drift with its ledger entry. The copy's version tag becomes what
    /// the destination holds now (none when the item is gone), so that a drift is reported once.
    private func recordReported(_ drifts: [Drift], pseudonyms: Pseudonymizer, report: inout CollectionReport) throws {
        for drift in drifts {
            var record = drift.record
            record.etag = drift.remoteETag
            record.updatedAt = clock.now()
            let subject = pseudonyms.pseudonym(for: record.subject)
            try store.recordWrite(record, entry: draft(.driftReported, record, subject: subject, at: record.updatedAt))
            report.driftReported += 1
        }
    }

    private func draft(_ action: LedgerAction, _ record: CopyRecord, subject: String, at date: Date) -> LedgerDraft {
        LedgerDraft(
            recordedAt: date, action: action, collection: record.collection, subject: subject, copyUID: record.copyUID,
            contentHash: record.contentHash, fields: record.fields, policyVersion: policy.version)
    }
}

extension RandomAccessCollection where Index == Int {
    /// The collection in consecutive slices of `size` elements, the last one shorter.
    func chunked(into size: Int) -> [SubSequence] {
        stride(from: startIndex, to: endIndex, by: size).map { self[$0..<Swift.min($0 + size, endIndex)] }
    }
}

/// A collection at one place: copies of one collection can sit at a former place and the
/// current one while a destination moves.
struct CollectionPlacement: Hashable, Comparable {
    var collection: CollectionKey
    var location: String

    static func < (lhs: Self, rhs: Self) -> Bool { (lhs.collection, lhs.location) < (rhs.collection, rhs.location) }
}
