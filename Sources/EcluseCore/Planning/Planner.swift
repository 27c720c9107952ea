/// Compares the copies the policy demands with the copies that exist, and lists the changes.
///
/// Pure: the same inputs give the same plan, sorted by subject so runs are reproducible.
public struct Planner: Sendable {
    public init() {}

    public func plan(
        _ collection: CollectionKey,
        at location: String = "",
        desired: [DesiredCopy],
        existing: [CopyRecord]
    ) -> CollectionPlan {
        let existingBySubject = Dictionary(existing.map { ($0.subject, $0) }, uniquingKeysWith: { first, _ in first })
        let desiredSubjects = Set(desired.map(\.subject))
        var operations: [PlannedOperation] = []

        for copy in desired.sorted(by: { $0.subject < $1.subject }) {
            guard let record = existingBySubject[copy.subject] else {
                operations.append(.create(copy))
                continue
            }
            if record.contentHash != copy.contentHash {
                operations.append(.update(copy, existing: record))
            }
        }
        for record in existing.sorted(by: { $0.subject < $1.subject }) where !desiredSubjects.contains(record.subject) {
            operations.append(.delete(record))
        }
        return CollectionPlan(collection: collection, location: location, operations: operations)
    }
}
