/// A person whose data Ecluse holds: a subject.
///
/// Only the fields below can ever leave Ecluse, and only those that a rule allows (see
/// `FieldSet`). Everything else a source file carried is kept in `extras`, in its raw form, so
/// that an import loses nothing; `extras` never reach a destination.
public struct Contact: Sendable, Hashable, Codable {
    /// Ecluse's own identifier; stable across re-imports and never shown outside.
    public var id: SubjectID
    /// The UID the source file gave, if any; used to match re-imports.
    public var sourceUID: String?
    public var name: PersonName
    public var organisation: Organisation?
    public var title: String?
    public var phones: [Phone]
    public var emails: [Email]
    public var addresses: [PostalAddress]
    public var urls: [String]
    /// A birthday as written in the source (`1990-05-17`, or `--05-17` without a year).
    public var birthday: String?
    public var note: String?
    /// Categories from the CRM (`customer`, `prospect`…), lowercased.
    public var tags: [String]
    /// The login of the salesperson who owns this contact in the CRM.
    public var owner: String?
    /// What the subject said about the processing, as the CRM records it; nil when unknown.
    public var consent: Consent?
    /// The day of the last interaction the CRM recorded with the subject.
    public var lastInteraction: CalendarDate?
    /// Properties Ecluse does not model, kept verbatim so that nothing is lost on import.
    public var extras: [RawProperty]

    public init(
        id: SubjectID,
        sourceUID: String? = nil,
        name: PersonName = PersonName(),
        organisation: Organisation? = nil,
        title: String? = nil,
        phones: [Phone] = [],
        emails: [Email] = [],
        addresses: [PostalAddress] = [],
        urls: [String] = [],
        birthday: String? = nil,
        note: String? = nil,
        tags: [String] = [],
        owner: String? = nil,
        consent: Consent? = nil,
        lastInteraction: CalendarDate? = nil,
        extras: [RawProperty] = []
    ) {
        self.id = id
        self.sourceUID = sourceUID
        self.name = name
        self.organisation = organisation
        self.title = title
        self.phones = phones
        self.emails = emails
        self.addresses = addresses
        self.urls = urls
        self.birthday = birthday
        self.note = note
        self.tags = tags
        self.owner = owner
        self.consent = consent
        self.lastInteraction = lastInteraction
        self.extras = extras
    }

    /// The name to show: the formatted name, else one built from its parts, else the organisation.
    public var displayName: String {
        if let formatted = name.formatted, !formatted.isEmpty { return formatted }
        let built = name.built
        if !built.isEmpty { return built }
        return organisation?.name ?? ""
    }
}

/// Ecluse's identifier of a subject.
public struct SubjectID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: SubjectID, rhs: SubjectID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The structured name of a person (vCard `N`, with `FN` as `formatted`).
public struct PersonName: Sendable, Hashable, Codable {
    public var formatted: String?
    public var family: String
    public var given: String
    public var additional: String
    public var prefix: String
    public var suffix: String

    public init(
        formatted: String? = nil,
        family: String = "",
        given: String = "",
        additional: String = "",
        prefix: String = "",
        suffix: String = ""
    ) {
        self.formatted = formatted
        self.family = family
        self.given = given
        self.additional = additional
        self.prefix = prefix
        self.suffix = suffix
    }

    /// The parts joined in reading order, for a card that has `N` but no `FN`.
    public var built: String {
        [prefix, given, additional, family, suffix].filter { !$0.isEmpty }.joined(separator: " ")
    }

    public var isEmpty: Bool { (formatted ?? "").isEmpty && built.isEmpty }
}

/// The organisation a contact works for (vCard `ORG`).
public struct Organisation: Sendable, Hashable, Codable {
    public var name: String
    public var units: [String]

    public init(name: String, units: [String] = []) {
        self.name = name
        self.units = units
    }
}

/// A property Ecluse does not model, kept as it was read.
public struct RawProperty: Sendable, Hashable, Codable {
    public var group: String?
    public var name: String
    public var parameters: [String: [String]]
    public var value: String

    public init(group: String? = nil, name: String, parameters: [String: [String]] = [:], value: String) {
        self.group = group
        self.name = name
        self.parameters = parameters
        self.value = value
    }
}

/// What a subject said about the processing of their data, as the CRM records it.
public enum Consent: String, Sendable, Hashable, Codable, CaseIterable {
    /// Consent given (Art. 6(1)(a), Art. 7).
    case given
    /// Consent withdrawn (Art. 7(3)): nothing that rested on it may go on.
    case withdrawn
    /// The subject objected to the processing (Art. 21).
    case objected
}
