import Foundation

/// Compares the copies the policy demands with the copies that exist, and lists the changes.
///
/// Pure: the same inputs give the same plan, sorted by subject so runs are reproducible.
public struct Planner: Sendable {
    public init() {}

    /// - Parameters:
    ///   - now: the time kept periods are measured against; without it no copy expires.
    ///   - retired: subjects whose copy in this collection was taken back at the end of a kept
    ///     period: under a rule with a period they are not sent again.
    public func plan(
        _ collection: CollectionKey,
        at location: String = "",
        desired: [DesiredCopy],
        existing: [CopyRecord],
        now: Date? = nil,
        retired: Set<SubjectID> = []
    ) -> CollectionPlan {
        let existingBySubject = Dictionary(existing.map { ($0.subject, $0) }, uniquingKeysWith: { first, _ in first })
        let wanted = desired.filter { copy in
            guard case .period = copy.keep else { return true }
            return !retired.contains(copy.subject)
        }
        let desiredSubjects = Set(wanted.map(\.subject))
        var operations: [PlannedOperation] = []
        var expiring: Set<SubjectID> = []

        for copy in wanted.sorted(by: { $0.subject < $1.subject }) {
            guard let record = existingBySubject[copy.subject] else {
                operations.append(.create(copy))
                continue
            }
            if case .period(let period) = copy.keep, let now, record.createdAt.addingTimeInterval(period.seconds) <= now
            {
                operations.append(.delete(record))
                expiring.insert(copy.subject)
                continue
            }
            if record.contentHash != copy.contentHash {
                operations.append(.update(copy, existing: record))
            }
        }
        for record in existing.sorted(by: { $0.subject < $1.subject }) where !desiredSubjects.contains(record.subject) {
            operations.append(.delete(record))
        }
        var plan = CollectionPlan(collection: collection, location: location, operations: operations)
        plan.expiring = expiring
        return plan
    }
}
