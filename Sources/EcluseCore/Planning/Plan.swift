/// The creates, updates and deletes that bring one collection to what the policy demands now.
public struct CollectionPlan: Sendable, Hashable {
    public var collection: CollectionKey
    /// Where the operations go: the collection's current location, or a former one whose
    /// copies are being taken back after the destination moved.
    public var location: String
    public var operations: [PlannedOperation]
    /// Why the collection receives nothing new now (its attestations lapsed), if it does not.
    public var heldBack: String?
    /// Subjects whose copy is deleted because its kept period ended: they are retired from the
    /// collection, so that it is not sent again.
    public var expiring: Set<SubjectID> = []
    /// Subjects whose copy someone else changed or removed, and which the plan writes back.
    public var restoring: Set<SubjectID> = []
    /// Copies someone else changed or removed, left as they are and to be recorded.
    public var reported: [Drift] = []
    /// Why the collection could not be checked for drift this time, if it could not.
    public var driftUnchecked: String?
    /// Copies whose item got a new version tag at the destination while keeping the content
    /// Ecluse wrote (a server rewrote it): their new tags, to record without a ledger entry.
    public var retagged: [CopyRecord] = []
    /// The connector's note of the collection's state at the listing this plan was made from,
    /// to keep only once the plan is applied cleanly; nil when there is none to keep.
    public var listingState: String?

    public init(collection: CollectionKey, location: String = "", operations: [PlannedOperation]) {
        self.collection = collection
        self.location = location
        self.operations = operations
    }

    /// The plan when the destination may not receive data: only deletes remain, since taking
    /// copies back never sends anything (promise 2).
    public func holdingBack(because reason: String) -> CollectionPlan {
        var held = self
        held.operations = operations.filter { if case .delete = $0 { true } else { false } }
        held.heldBack = reason
        return held
    }

    /// The plan once `drifts` are handled as `policy` says: written back, or only reported.
    ///
    /// A copy that the plan already updates or deletes is left to that operation (Ecluse's
    /// writes are conditional, so it overwrites or removes whatever is there). A copy that is
    /// no longer desired is taken back by its planned delete.
    public func handling(_ drifts: [Drift], as policy: DriftPolicy, desired: [DesiredCopy]) -> CollectionPlan {
        var handled = self
        let planned = Set(operations.map(\.subject))
        let wanted = Dictionary(desired.map { ($0.subject, $0) }, uniquingKeysWith: { first, _ in first })
        for drift in drifts where !planned.contains(drift.record.subject) {
            guard let copy = wanted[drift.record.subject] else { continue }
            switch policy {
            case .restore:
                handled.operations.append(.update(copy, existing: drift.record))
                handled.restoring.insert(copy.subject)
            case .report:
                handled.reported.append(drift)
            }
        }
        return handled
    }

    public var creates: Int { operations.count { if case .create = $0 { true } else { false } } }
    public var updates: Int { operations.count { if case .update = $0 { true } else { false } } }
    public var deletes: Int { operations.count { if case .delete = $0 { true } else { false } } }
}

/// One change to make at a destination.
public enum PlannedOperation: Sendable, Hashable {
    case create(DesiredCopy)
    case update(DesiredCopy, existing: CopyRecord)
    case delete(CopyRecord)

    public var subject: SubjectID {
        switch self {
        case .create(let desired), .update(let desired, _): desired.subject
        case .delete(let record): record.subject
        }
    }
}
