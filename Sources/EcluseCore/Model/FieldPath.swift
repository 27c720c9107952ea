/// One field of a contact that a rule can allow to leave: `name`, `phone.work`, `email.*`…
///
/// A path names a field and, for multi-valued fields, optionally the kind of value
/// (`phone.mobile`); `phone` and `phone.*` both mean every phone number. An address can be
/// narrowed further to one of its parts: `address.work.city`, or `address.city` for the city of
/// every address.
public struct FieldPath: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public var field: ContactField
    /// The kind a multi-valued field is narrowed to; nil means every value.
    public var kind: String?
    /// The part of an address the path is narrowed to; nil means the whole address.
    public var part: AddressPart?

    public init(_ field: ContactField, kind: String? = nil, part: AddressPart? = nil) {
        self.field = field
        self.kind = kind
        self.part = part
    }

    /// Parses a path as written in a policy; returns nil when it names no field.
    public init?(parsing text: String) {
        var parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, let field = ContactField(rawValue: first), parts.count <= 3 else { return nil }
        self.field = field
        parts.removeFirst()
        if field == .address, let last = parts.last, let part = AddressPart(rawValue: last) {
            self.part = part
            parts.removeLast()
        }
        guard let kind = parts.first else { return }
        guard parts.count == 1 else { return nil }
        if kind == "*" { return }
        guard field.kinds.contains(kind) else { return nil }
        self.kind = kind
    }

    public var description: String {
        [field.rawValue, kind ?? (part != nil ? "*" : nil), part?.rawValue].compactMap { $0 }.joined(separator: ".")
    }

    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool { lhs.description < rhs.description }

    /// Every path a policy may name, for error messages that suggest the right one.
    public static var allSpellings: [String] {
        ContactField.allCases.flatMap { field in
            let kinds = [field.rawValue] + field.kinds.map { "\(field.rawValue).\($0)" }
            guard field == .address else { return kinds }
            return kinds + kinds.flatMap { prefix in AddressPart.allCases.map { "\(prefix).\($0.rawValue)" } }
        }
    }
}

/// The parts of a postal address a rule can allow on their own.
public enum AddressPart: String, Sendable, Hashable, Codable, CaseIterable {
    case pobox, extended, street, city, region, postalcode, country
}

/// The fields of a contact that can be exported.
public enum ContactField: String, Sendable, Hashable, Codable, CaseIterable {
    case name, organisation, title, phone, email, address, url, birthday, note, tags

    /// The kinds a multi-valued field can be narrowed to.
    public var kinds: [String] {
        switch self {
        case .phone: PhoneKind.allCases.map(\.rawValue)
        case .email, .address: ContactKind.allCases.map(\.rawValue)
        default: []
        }
    }
}
