/// Decides, for a subject and a destination, whether data may leave and which fields.
///
/// A pure function of the policy, the subject and the collection's user: nothing here reads a
/// store or a clock, so every branch is reachable from a test.
public struct Decider: Sendable {
    public let policy: Policy

    public init(policy: Policy) { self.policy = policy }

    /// The decision for `contact` at `destination`, in the collection of `user`.
    ///
    /// `user` is the login whose collection is being filled for a per-user destination, and
    /// nil for a shared one; a rule with `owner: self` never selects anything without a user.
    public func decide(_ contact: Contact, at destination: Destination, for user: String?) -> Decision {
        var matched: [Rule] = []
        var fields = FieldSet.none
        var reasons: [HoldReason] = []

        let rules = policy.rules(for: destination.name)
        if rules.isEmpty {
            reasons.append(HoldReason(rule: destination.name, reason: "no rule sends anything to this destination"))
        }
        for rule in rules {
            if let reason = holdReason(rule, contact, user) {
                reasons.append(HoldReason(rule: rule.label, reason: reason))
            } else {
                matched.append(rule)
                fields = fields.union(rule.fields)
            }
        }
        return Decision(matchedRules: matched, fields: fields, reasons: reasons)
    }

    /// Why `rule` does not select `contact`, or nil when it does.
    private func holdReason(_ rule: Rule, _ contact: Contact, _ user: String?) -> String? {
        let selector = rule.subjects
        let tags = Set(contact.tags)

        if selector.owner == .self {
            guard let user else { return "owner: self needs a per-user destination" }
            guard contact.owner == user else { return "owned by another user, not by this collection's user" }
        }
        if !selector.tagsAny.isEmpty, tags.isDisjoint(with: selector.tagsAny) {
            return "has none of the tags \(selector.tagsAny.joined(separator: ", "))"
        }
        let missing = selector.tagsAll.filter { !tags.contains($0) }
        if !missing.isEmpty {
            return "lacks the tags \(missing.joined(separator: ", "))"
        }
        let forbidden = selector.tagsNone.filter { tags.contains($0) }
        if !forbidden.isEmpty {
            return "has the excluded tags \(forbidden.joined(separator: ", "))"
        }
        return nil
    }
}
