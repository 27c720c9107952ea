/// A telephone number and what it is for.
public struct Phone: Sendable, Hashable, Codable {
    public var value: String
    public var kinds: Set<PhoneKind>
    public var preferred: Bool
    /// A free label from the source (Apple's `X-ABLabel`), if any.
    public var label: String?

    public init(value: String, kinds: Set<PhoneKind> = [], preferred: Bool = false, label: String? = nil) {
        self.value = value
        self.kinds = kinds
        self.preferred = preferred
        self.label = label
    }
}

/// What a phone number is for. A number can be several at once (a work mobile).
public enum PhoneKind: String, Sendable, Hashable, Codable, CaseIterable {
    case work, home, mobile, fax, pager, voice, text, video, other
}

/// An email address and what it is for.
public struct Email: Sendable, Hashable, Codable {
    public var value: String
    public var kinds: Set<ContactKind>
    public var preferred: Bool
    public var label: String?

    public init(value: String, kinds: Set<ContactKind> = [], preferred: Bool = false, label: String? = nil) {
        self.value = value
        self.kinds = kinds
        self.preferred = preferred
        self.label = label
    }
}

extension Email {
    /// The address as subjects are matched and indexed by it: trimmed and lowercased.
    public var matchKey: String { Self.matchKey(of: value) }

    /// `address` as subjects are matched and indexed by it: trimmed and lowercased.
    public static func matchKey(of address: String) -> String { address.whitespaceTrimmed.lowercased() }
}

/// Whether an email or an address is for work, home, or something else.
public enum ContactKind: String, Sendable, Hashable, Codable, CaseIterable {
    case work, home, other
}

/// A postal address (vCard `ADR`, with `LABEL` as `label`).
public struct PostalAddress: Sendable, Hashable, Codable {
    public var kinds: Set<ContactKind>
    public var preferred: Bool
    public var poBox: String
    public var extended: String
    public var street: String
    public var locality: String
    public var region: String
    public var postalCode: String
    public var country: String
    public var label: String?

    public init(
        kinds: Set<ContactKind> = [],
        preferred: Bool = false,
        poBox: String = "",
        extended: String = "",
        street: String = "",
        locality: String = "",
        region: String = "",
        postalCode: String = "",
        country: String = "",
        label: String? = nil
    ) {
        self.kinds = kinds
        self.preferred = preferred
        self.poBox = poBox
        self.extended = extended
        self.street = street
        self.locality = locality
        self.region = region
        self.postalCode = postalCode
        self.country = country
        self.label = label
    }
}
