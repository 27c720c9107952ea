/// What changes between two policies, per destination, before anything is applied: how many
/// subjects start or stop flowing, and which fields start or stop leaving.
///
/// Computed from the copies each policy demands of the same store at the same moment, so it
/// says exactly what a sync under the new policy would change when the destinations hold
/// what the old one demanded.
public struct PolicyDiff: Sendable {
    /// One destination's changes; subjects appear as pseudonyms only.
    public struct DestinationChange: Sendable, Hashable, Codable {
        public var destination: String
        /// Copies that appear (a subject in a collection that had no copy of it).
        public var starting: Int
        /// Copies that disappear.
        public var stopping: Int
        /// Copies that stay but carry other fields.
        public var changing: Int
        /// Field paths that leave under the new policy and did not under the old.
        public var fieldsStarting: [String]
        /// Field paths that left under the old policy and no longer do.
        public var fieldsStopping: [String]
        /// A few pseudonyms of each kind of change, for a DPO to follow up.
        public var examplesStarting: [String]
        public var examplesStopping: [String]

        public var isEmpty: Bool { starting == 0 && stopping == 0 && changing == 0 }
    }

    public var destinations: [DestinationChange]

    public init(old: DesiredState, new: DesiredState, pseudonym: (SubjectID) -> String, examples: Int = 3) {
        let names = Set(old.collections.keys.map(\.destination)).union(new.collections.keys.map(\.destination))
        destinations = names.sorted().map { name in
            var change = DestinationChange(
                destination: name, starting: 0, stopping: 0, changing: 0, fieldsStarting: [], fieldsStopping: [],
                examplesStarting: [], examplesStopping: [])
            var oldFields = Set<String>()
            var newFields = Set<String>()
            let keys = Set(old.collections.keys).union(new.collections.keys).filter { $0.destination == name }
            for key in keys.sorted() {
                let before = Dictionary(
                    (old.collections[key] ?? []).map { ($0.subject, $0) }, uniquingKeysWith: { a, _ in a })
                let after = Dictionary(
                    (new.collections[key] ?? []).map { ($0.subject, $0) }, uniquingKeysWith: { a, _ in a })
                for copy in before.values { oldFields.formUnion(copy.fields.spellings) }
                for copy in after.values { newFields.formUnion(copy.fields.spellings) }
                for subject in after.keys.sorted() where before[subject] == nil {
                    change.starting += 1
                    if change.examplesStarting.count < examples { change.examplesStarting.append(pseudonym(subject)) }
                }
                for subject in before.keys.sorted() where after[subject] == nil {
                    change.stopping += 1
                    if change.examplesStopping.count < examples { change.examplesStopping.append(pseudonym(subject)) }
                }
                for (subject, copy) in after {
                    if let earlier = before[subject], earlier.contentHash != copy.contentHash { change.changing += 1 }
                }
            }
            change.fieldsStarting = newFields.subtracting(oldFields).sorted()
            change.fieldsStopping = oldFields.subtracting(newFields).sorted()
            return change
        }
    }
}
