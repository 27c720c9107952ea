import Foundation

/// A purpose applied to a destination: which subjects, which fields, for how long.
public struct Rule: Sendable, Hashable {
    public var purpose: String
    public var destination: String
    public var subjects: SubjectSelector
    public var fields: FieldSet
    public var keep: KeepRule
    /// For a rule that sends appointments: how long after each meeting ends its attendees'
    /// details stay in the event (`erase-details`); nil for a rule that sends contacts. In
    /// such a rule, `fields` are the details each selected attendee brings into the event.
    public var eraseDetails: Period?
    /// Where the rule starts in the policy file, for explanations.
    public var location: SourceLocation?

    public init(
        purpose: String,
        destination: String,
        subjects: SubjectSelector = SubjectSelector(),
        fields: FieldSet,
        keep: KeepRule = .whileSelected,
        eraseDetails: Period? = nil,
        location: SourceLocation? = nil
    ) {
        self.purpose = purpose
        self.destination = destination
        self.subjects = subjects
        self.fields = fields
        self.keep = keep
        self.eraseDetails = eraseDetails
        self.location = location
    }

    /// The details of appointments stay this long after each meeting by default.
    public static let defaultEraseDetails = Period(days: 90)

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
    /// The subject works for one of these organisations (when not empty; case ignored).
    public var organisations: [String]
    /// What the subject must have said about the processing.
    public var consent: ConsentRequirement
    /// The CRM recorded an interaction with the subject within this period before now.
    public var lastInteractionWithin: Period?
    /// The collection's user has an appointment with the subject within this period of now,
    /// before or after.
    public var appointmentWithin: Period?

    public init(
        owner: OwnerSelector = .any,
        tagsAny: [String] = [],
        tagsAll: [String] = [],
        tagsNone: [String] = [],
        organisations: [String] = [],
        consent: ConsentRequirement = .notWithdrawn,
        lastInteractionWithin: Period? = nil,
        appointmentWithin: Period? = nil
    ) {
        self.owner = owner
        self.tagsAny = tagsAny
        self.tagsAll = tagsAll
        self.tagsNone = tagsNone
        self.organisations = organisations
        self.consent = consent
        self.lastInteractionWithin = lastInteractionWithin
        self.appointmentWithin = appointmentWithin
    }
}

/// What a rule needs the subject to have said. A subject who withdrew consent or objected is
/// never selected, whatever the rule says.
public enum ConsentRequirement: String, Sendable, Hashable, CaseIterable {
    /// Anyone who has not withdrawn consent or objected (the default).
    case notWithdrawn = "not-withdrawn"
    /// Only subjects whose consent is recorded as given.
    case given
}

/// A length of time written in a policy: `90d`, `12w`.
public struct Period: Sendable, Hashable, CustomStringConvertible {
    public var days: Int

    public init(days: Int) { self.days = days }

    /// The longest period a policy may write: 100 years. Longer ones are mistakes, and would
    /// overflow date arithmetic.
    public static let maximumDays = 36_500

    /// Parses `Nd` or `Nw` (N a whole number, at most `maximumDays` days); nil otherwise.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let count = Int(trimmed.dropLast()), count >= 0 else { return nil }
        let multiplier: Int
        switch unit {
        case "d": multiplier = 1
        case "w": multiplier = 7
        default: return nil
        }
        guard count <= Self.maximumDays / multiplier else { return nil }
        days = count * multiplier
    }

    public var seconds: TimeInterval { TimeInterval(days) * 86_400 }

    public var description: String { "\(days)d" }
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
    /// At most this long after the copy was made (and no longer than the subject is selected);
    /// once taken back, the subject is not sent to that collection again under such a rule.
    case period(Period)
}
