import Foundation

/// Why one subject reaches each collection, or is held back: what `ecluse policy explain`,
/// `/api/v1/policy/explain` and the DPO's policy page all say, decided in one place.
public struct SubjectExplanation: Sendable {
    /// One collection's answer.
    public struct Row: Sendable {
        public var collection: CollectionKey
        /// Whether the subject reaches the collection now: a rule selects it, the destination
        /// is eligible, and its copy was not retired at the end of a kept period.
        public var selected: Bool
        /// The labels of the rules that select it.
        public var rules: [String]
        /// The fields its copy would carry.
        public var fields: [String]
        /// Why it is held back (empty when selected).
        public var reasons: [String]
        public var keep: KeepRule
        /// For appointment rules, how long after each meeting its details stay.
        public var eraseDetails: Period?
    }

    /// The subjects `wanted` names: by pseudonym, Ecluse's id, CRM UID or email (case ignored).
    /// Several subjects can share an email, so callers must not explain one of many.
    public static func matches(
        _ wanted: String, in contacts: [Contact], pseudonym: (SubjectID) -> String
    ) -> [Contact] {
        let wanted = wanted.trimmingCharacters(in: .whitespaces)
        return contacts.filter { contact in
            pseudonym(contact.id) == wanted || contact.id.rawValue == wanted || contact.sourceUID == wanted
                || contact.emails.contains { $0.value.lowercased() == wanted.lowercased() }
        }
    }

    /// The rows for `contact` at every collection of `destinations`.
    ///
    /// - Parameter retired: the subjects retired from a collection at the end of a kept period.
    public static func rows(
        for contact: Contact, at destinations: [Destination], policy: Policy, users: [User],
        attestations: [Attestation], context: DecisionContext,
        retired: (CollectionKey) throws -> Set<SubjectID>
    ) rethrows -> [Row] {
        let decider = Decider(policy: policy)
        var rows: [Row] = []
        for destination in destinations {
            let eligibility = Eligibility(of: destination, attestations: attestations, at: context.now)
            for key in DesiredState.collectionKeys(of: destination, users: users) {
                let decision = decider.decide(contact, at: destination, for: key.userOrNil, in: context)
                var reasons = decision.reasons.map(\.description)
                if let held = eligibility.reason { reasons.append("\(destination.name): \(held)") }
                var selected = decision.isSelected && eligibility.isEligible
                if case .period = decision.keep, try retired(key).contains(contact.id) {
                    reasons.append("\(key): its copy was taken back at the end of its kept period")
                    selected = false
                }
                rows.append(
                    Row(
                        collection: key, selected: selected, rules: decision.matchedRules.map(\.label),
                        fields: contact.minimised(to: decision.fields).carriedFields(of: decision.fields).spellings,
                        reasons: selected ? [] : reasons, keep: decision.keep, eraseDetails: decision.eraseDetails))
            }
        }
        return rows
    }
}
