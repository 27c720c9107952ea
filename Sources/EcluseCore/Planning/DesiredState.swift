import Foundation

/// Everything the policy demands at one moment: for each collection, the copies it must hold.
///
/// Built from the policy, the subjects and the users; a pure function, so `plan` can print it
/// and tests can check promise 1 on it without a destination.
public struct DesiredState: Sendable {
    public var collections: [CollectionKey: [DesiredCopy]]
    /// The future moments at which these copies change by themselves (appointment details
    /// that reach their deadline, occurrences that come close enough to carry details).
    public var deadlines: [Date] = []

    /// - Parameters:
    ///   - appointments: the store's appointments, for destinations that hold events.
    ///   - expander: walks repeating appointments; without one, only first occurrences count.
    public init(
        policy: Policy, contacts: [Contact], users: [User], context: DecisionContext = DecisionContext(),
        appointments: [Appointment] = [], expander: any OccurrenceExpanding = FirstOccurrenceOnly()
    ) {
        let decider = Decider(policy: policy)
        var collections: [CollectionKey: [DesiredCopy]] = [:]
        var deadlines: [Date] = []
        let byOwner = Dictionary(grouping: contacts) { $0.owner ?? "" }
        let events = EventCopyBuilder(policy: policy, contacts: contacts, context: context, expander: expander)

        for destination in policy.destinations where destination.items == .events {
            for key in Self.collectionKeys(of: destination, users: users) {
                let built = events.copies(for: key, of: destination, appointments: appointments)
                collections[key] = built.copies
                deadlines += built.deadlines
            }
        }
        for destination in policy.destinations where destination.items == .contacts {
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
        self.deadlines = deadlines
    }

    /// The collections of a destination: itself when shared, one per user when per-user.
    public static func collectionKeys(of destination: Destination, users: [User]) -> [CollectionKey] {
        switch destination.scope {
        case .shared: [CollectionKey(destination: destination.name)]
        case .perUser: users.map { CollectionKey(destination: destination.name, user: $0.login) }.sorted()
        }
    }
}
