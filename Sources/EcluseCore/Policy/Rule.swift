/// A purpose applied to a destination: which subjects, which fields, for how long.
public struct Rule: Sendable, Hashable {
    public var purpose: String
    public var destination: String
    public var subjects: SubjectSelector
    public var fields: FieldSet
    public var keep: KeepRule
    /// Where the rule starts in the policy file, for explanations.
    public var location: SourceLocation?

    public init(
        purpose: String,
        destination: String,
        subjects: SubjectSelector = SubjectSelector(),
        fields: FieldSet,
        keep: KeepRule = .whileSelected,
        location: SourceLocation? = nil
    ) {
        self.purpose = purpose
        self.destination = destination
        self.subjects = subjects
        self.fields = fields
        self.keep = keep
        self.location = location
    }

    /// How the rule is named in explanations: its purpose, destination and line.
    public var label: String {
        let line = location.map { " (line \($0.line))" } ?? ""
        return "\(purpose) → \(destination)\(line)"
    }
}

/// Which subjects a rule selects.
public struct SubjectSelector: Sendable, Hashable {
    public var owner: OwnerSelector
    /// The subject has at least one of these tags (when not empty).
    public var tagsAny: [String]
    /// The subject has every one of these tags.
    public var tagsAll: [String]
    /// The subject has none of these tags.
    public var tagsNone: [String]

    public init(
        owner: OwnerSelector = .any,
        tagsAny: [String] = [],
        tagsAll: [String] = [],
        tagsNone: [String] = []
    ) {
        self.owner = owner
        self.tagsAny = tagsAny
        self.tagsAll = tagsAll
        self.tagsNone = tagsNone
    }
}

/// Whose contacts a rule selects.
public enum OwnerSelector: String, Sendable, Hashable {
    /// The contacts of the user the copy is for (per-user destinations only).
    case `self`
    /// Every contact, whoever owns it.
    case any
}

/// How long a copy may stay.
public enum KeepRule: Sendable, Hashable {
    /// As long as the subject is selected; removed on the first run after it is not.
    case whileSelected
}
