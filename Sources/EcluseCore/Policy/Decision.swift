/// What the policy says about one subject at one destination, for one collection.
public struct Decision: Sendable, Hashable {
    /// The rules that select the subject, in file order; empty when it is held back.
    public var matchedRules: [Rule]
    /// The union of the fields those rules allow.
    public var fields: FieldSet
    /// Why each rule of the destination did not select the subject.
    public var reasons: [HoldReason]

    public var isSelected: Bool { !matchedRules.isEmpty }

    /// How long a copy may stay: until the subject leaves the rules when any matching rule
    /// says so, else the longest period the matching rules allow.
    public var keep: KeepRule {
        var longest: Period?
        for rule in matchedRules {
            guard case .period(let period) = rule.keep else { return .whileSelected }
            if period.days > longest?.days ?? -1 { longest = period }
        }
        return longest.map(KeepRule.period) ?? .whileSelected
    }

    /// For appointment rules: the longest time after a meeting's end that the subject's
    /// details stay in its event; nil when no matching rule sends appointments.
    public var eraseDetails: Period? {
        matchedRules.compactMap(\.eraseDetails).max { $0.days < $1.days }
    }

    public init(matchedRules: [Rule], fields: FieldSet, reasons: [HoldReason]) {
        self.matchedRules = matchedRules
        self.fields = fields
        self.reasons = reasons
    }
}

/// Why one rule does not select a subject. Worded without personal data.
public struct HoldReason: Sendable, Hashable, CustomStringConvertible {
    public var rule: String
    public var reason: String

    public init(rule: String, reason: String) {
        self.rule = rule
        self.reason = reason
    }

    public var description: String { "\(rule): \(reason)" }
}
