import EcluseConnectors
import EcluseCore
import EcluseLogging
import EcluseStore
import Foundation

/// The shortcut of a sync whose inputs did not change.
///
/// After a complete, clean run the engine records a fingerprint: the store's revision when the
/// plan began reading (every change to subjects, appointments, users and attestations moves
/// it, whoever writes), the policy's version, and the next deadline. A later plan with the
/// same revision and policy, before that deadline, would decide exactly what the run left, so
/// it decodes nothing: it only checks each collection for drift, and falls back to the full
/// plan at the first sign of a difference (a drifted copy, a moved collection, copies of a
/// destination the policy no longer names).
///
/// Policies with selectors relative to now (`last-interaction-within`, `appointment-within`)
/// change their decisions as time passes without a deadline to wake for, so they always plan
/// in full.
extension SyncEngine {
    /// The fingerprint's text: a version tag, the revision, the policy version, the deadline.
    struct Fingerprint: Equatable {
        var revision: Int64
        var policyVersion: String
        var deadline: Date?

        var text: String {
            let deadline = deadline.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded(.down))) } ?? "-"
            return "plan-v1|\(revision)|\(policyVersion)|\(deadline)"
        }

        init(revision: Int64, policyVersion: String, deadline: Date?) {
            self.revision = revision
            self.policyVersion = policyVersion
            self.deadline = deadline
        }

        init?(parsing text: String) {
            let parts = text.split(separator: "|").map(String.init)
            guard parts.count == 4, parts[0] == "plan-v1", let revision = Int64(parts[1]) else { return nil }
            self.revision = revision
            policyVersion = parts[2]
            if parts[3] == "-" {
                deadline = nil
            } else {
                guard let milliseconds = Int64(parts[3]) else { return nil }
                deadline = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            }
        }
    }

    /// Empty plans for every collection when nothing can have changed since the last clean
    /// run; nil when the full plan is needed.
    func plansIfNothingChanged(revision: Int64) throws -> [CollectionPlan]? {
        let relativeToNow = policy.rules.contains {
            $0.subjects.lastInteractionWithin != nil || $0.subjects.appointmentWithin != nil
        }
        guard checksDrift, !relativeToNow, let text = try store.planFingerprint(),
            let fingerprint = Fingerprint(parsing: text), fingerprint.revision == revision,
            fingerprint.policyVersion == policy.version, fingerprint.deadline.map({ clock.now() < $0 }) ?? true
        else { return nil }

        let users = try store.users()
        var records = Dictionary(grouping: try store.allCopies()) { $0.collection }
        var plans: [CollectionPlan] = []
        for destination in policy.destinations where !destination.kind.isServed {
            for key in DesiredState.collectionKeys(of: destination, users: users) {
                let here = try connectors.location(of: destination, collection: key)
                let held = records.removeValue(forKey: key) ?? []
                guard held.allSatisfy({ $0.location.isEmpty || $0.location == here }) else { return nil }
                if !held.isEmpty {
                    guard let connector = try? connectors.connector(for: destination, collection: key, at: here),
                        let listed = try? connector.listItems(), Drift.find(in: held, listed: listed).isEmpty
                    else { return nil }
                }
                plans.append(CollectionPlan(collection: key, location: here, operations: []))
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
        let fingerprint = plannedRevision.flatMap { revision in
            clean
                ? Fingerprint(
                    revision: revision, policyVersion: policy.version,
                    deadline: [nextDeadline, keptUntil].compactMap { $0 }.min())
                : nil
        }
        do { try store.setPlanFingerprint(fingerprint?.text) } catch {
            logger.warning("the plan's fingerprint could not be kept", metadata: ["error": .plain("\(error)")])
        }
        plannedRevision = nil
        keptUntil = nil
    }
}
