import EcluseConnectors
import EcluseCore
import EcluseLogging
import EcluseStore
import Foundation

/// The shortcut of a sync whose inputs barely changed.
///
/// After a complete, clean run the engine records a fingerprint: where the store stood when
/// the plan began reading (the revision that every change to appointments, users and
/// attestations moves, and the number of the last listed change to a subject, whoever wrote
/// them), the policy's version, and the next deadline. A later plan with the same revision and
/// policy, before that deadline, decides only the subjects changed since: the others would be
/// decided exactly as the run left them. With no changed subject it decodes nothing at all.
/// Either way it checks each collection for drift, and falls back to the full plan at the
/// first sign of a difference (a drifted copy, a moved collection, copies of a destination the
/// policy no longer names).
///
/// Policies whose decisions change with time alone (`last-interaction-within`,
/// `appointment-within`) or across subjects (appointments carry their attendees' details)
/// always plan in full.
extension SyncEngine {
    /// The fingerprint's text: a version tag, the store's state, the policy, the deadline.
    struct Fingerprint: Equatable {
        var revision: Int64
        var subjectChanges: Int64
        var policyVersion: String
        var deadline: Date?
        /// The copies the run left: a row added or removed by hand since shows as another count.
        var copies: Int

        var text: String {
            let deadline = deadline.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded(.down))) } ?? "-"
            return "plan-v3|\(revision)|\(subjectChanges)|\(policyVersion)|\(deadline)|\(copies)"
        }

        init(revision: Int64, subjectChanges: Int64, policyVersion: String, deadline: Date?, copies: Int) {
            self.revision = revision
            self.subjectChanges = subjectChanges
            self.policyVersion = policyVersion
            self.deadline = deadline
            self.copies = copies
        }

        init?(parsing text: String) {
            let parts = text.split(separator: "|").map(String.init)
            guard parts.count == 6, parts[0] == "plan-v3", let revision = Int64(parts[1]),
                let changes = Int64(parts[2]), let copies = Int(parts[5])
            else { return nil }
            self.revision = revision
            subjectChanges = changes
            policyVersion = parts[3]
            self.copies = copies
            if parts[4] == "-" {
                deadline = nil
            } else {
                guard let milliseconds = Int64(parts[4]) else { return nil }
                deadline = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            }
        }
    }

    /// At most this many changed subjects are planned one by one; beyond, the full plan (which
    /// decodes on both cores) is as fast.
    static let shortcutLimit = 2_000

    /// The plans when only a few subjects (or none) changed since the last clean run; nil when
    /// the full plan is needed.
    func shortcutPlans(from stand: (revision: Int64, subjectChanges: Int64)) throws -> [CollectionPlan]? {
        let decidesAcross = policy.rules.contains {
            $0.subjects.lastInteractionWithin != nil || $0.subjects.appointmentWithin != nil
        }
        guard checksDrift, !decidesAcross, !policy.destinations.contains(where: { $0.items == .events }),
            let text = try store.planFingerprint(), let fingerprint = Fingerprint(parsing: text),
            fingerprint.revision == stand.revision, fingerprint.policyVersion == policy.version,
            fingerprint.deadline.map({ clock.now() < $0 }) ?? true
        else { return nil }
        let changedIDs = try store.subjectsChanged(after: fingerprint.subjectChanges, upTo: stand.subjectChanges)
        guard changedIDs.count <= Self.shortcutLimit else { return nil }

        let users = try store.users()
        let changed = try changedIDs.compactMap { try store.contact($0) }
        let now = clock.now()
        let desired = DesiredState(policy: policy, contacts: changed, users: users, context: DecisionContext(now: now))
        let attestations = try store.attestations()
        let devices = try store.deviceAttestations()
        let subjects = Set(changedIDs)
        let planner = Planner()
        let allCopies = try store.allCopies()
        guard allCopies.count == fingerprint.copies else { return nil }
        var records = Dictionary(grouping: allCopies) { $0.collection }
        var plans: [CollectionPlan] = []
        for destination in policy.destinations where !destination.kind.isServed {
            let eligible = Eligibility(of: destination, attestations: attestations, at: now).isEligible
            for key in DesiredState.collectionKeys(of: destination, users: users) {
                let here = try connectors.location(of: destination, collection: key)
                let held = records.removeValue(forKey: key) ?? []
                guard held.allSatisfy({ $0.location.isEmpty || $0.location == here }) else { return nil }
                var listingState: String?
                if !held.isEmpty {
                    // Without the desired copies of unchanged subjects, a moved version tag cannot
                    // be read back and judged here: the full plan does it.
                    guard let connector = try? connectors.connector(for: destination, collection: key, at: here),
                        let findings = try? findDrift(
                            at: connector, location: here, records: held, desired: nil,
                            format: ItemFormat(destination.items)),
                        findings.drifts.isEmpty
                    else { return nil }
                    listingState = findings.listingState
                }
                // The last run was clean, so nothing was held back then; should something hold
                // a collection back now, the full plan says why.
                let device = key.userOrNil.flatMap { user in
                    policy.devicePreamble?.holdReason(for: user, attestations: devices, at: now)
                }
                guard eligible, device == nil else { return nil }
                var plan = planner.plan(
                    key, at: here, desired: desired.collections[key] ?? [],
                    existing: held.filter { subjects.contains($0.subject) }, now: now,
                    retired: try store.retiredSubjects(in: key))
                plan.listingState = listingState
                plans.append(plan)
            }
        }
        guard records.isEmpty else { return nil }
        nextDeadline = fingerprint.deadline
        return plans
    }

    /// Leaves the fingerprint of a complete, clean run, or clears it.
    func recordFingerprint(after report: SyncReport) {
        let clean = report.collections.allSatisfy {
            $0.error == nil && $0.failed == 0 && $0.heldBack == nil && $0.driftUnchecked == nil
        }
        do {
            let fingerprint = try plannedState.flatMap { stand in
                clean
                    ? Fingerprint(
                        revision: stand.revision, subjectChanges: stand.subjectChanges, policyVersion: policy.version,
                        deadline: [nextDeadline, keptUntil].compactMap { $0 }.min(), copies: try store.copyCount())
                    : nil
            }
            try store.setPlanFingerprint(fingerprint?.text)
            if let fingerprint { try store.forgetSubjectChanges(upTo: fingerprint.subjectChanges) }
        } catch {
            logger.warning("the plan's fingerprint could not be kept", metadata: ["error": .plain("\(error)")])
        }
        plannedState = nil
        keptUntil = nil
    }
}
