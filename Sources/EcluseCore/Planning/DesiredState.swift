/// Everything the policy demands at one moment: for each collection, the copies it must hold.
///
/// Built from the policy, the subjects and the users; a pure function, so `plan` can print it
/// and tests can check promise 1 on it without a destination.
public struct DesiredState: Sendable {
    public var collections: [CollectionKey: [DesiredCopy]]

    public init(policy: Policy, contacts: [Contact], users: [User], context: DecisionContext = DecisionContext()) {
        let decider = Decider(policy: policy)
        var collections: [CollectionKey: [DesiredCopy]] = [:]
        let byOwner = Dictionary(grouping: contacts) { $0.owner ?? "" }

        for destination in policy.destinations {
            // When every rule of a per-user destination selects the user's own contacts, only
            // those need deciding: the others would all be held back as owned by another user.
            let rules = policy.rules(for: destination.name)
            let ownOnly =
                destination.scope == .perUser && !rules.isEmpty && rules.allSatisfy { $0.subjects.owner == .self }
            for key in Self.collectionKeys(of: destination, users: users) {
                var copies: [DesiredCopy] = []
                for contact in ownOnly ? byOwner[key.user] ?? [] : contacts {
                    let decision = decider.decide(contact, at: destination, for: key.userOrNil, in: context)
                    guard decision.isSelected else { continue }
                    let content = contact.minimised(to: decision.fields)
                    copies.append(
                        DesiredCopy(
                            collection: key, subject: contact.id, content: content, fields: decision.fields,
                            keep: decision.keep))
                }
                collections[key] = copies
            }
        }
        self.collections = collections
    }

    /// The collections of a destination: itself when shared, one per user when per-user.
    public static func collectionKeys(of destination: Destination, users: [User]) -> [CollectionKey] {
        switch destination.scope {
        case .shared: [CollectionKey(destination: destination.name)]
        case .perUser: users.map { CollectionKey(destination: destination.name, user: $0.login) }.sorted()
        }
    }
}
