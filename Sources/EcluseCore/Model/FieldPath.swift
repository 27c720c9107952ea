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

/// The allow-list of fields a rule lets through.
public struct FieldSet: Sendable, Hashable, Codable {
    public private(set) var paths: Set<FieldPath>

    public init(_ paths: some Sequence<FieldPath>) { self.paths = Set(paths) }

    public static let none = FieldSet([])

    public func union(_ other: FieldSet) -> FieldSet { FieldSet(paths.union(other.paths)) }

    public func allows(_ field: ContactField) -> Bool { paths.contains { $0.field == field } }

    /// Whether a value of a multi-valued field, with these kinds, may leave.
    ///
    /// A value with no kind counts as `other`.
    ///
    /// A value marked `home` is private: it leaves only under a path that names `home` or
    /// every kind, never because it is also marked `work`.
    public func allows(_ field: ContactField, kinds: Set<String>) -> Bool {
        !matching(field, kinds: kinds).isEmpty
    }

    /// The paths of `field` that let a value with these kinds leave.
    func matching(_ field: ContactField, kinds: Set<String>) -> Set<FieldPath> {
        let effective = kinds.isEmpty ? ["other"] : kinds
        let matching = paths.filter { path in
            path.field == field && (path.kind.map { effective.contains($0) } ?? true)
        }
        guard effective.contains("home") else { return matching }
        let homeAllowed = matching.contains { $0.kind == nil || $0.kind == "home" }
        return homeAllowed ? matching : []
    }

    /// The sorted spellings, for listings and the ledger.
    public var spellings: [String] { paths.sorted().map(\.description) }
}

extension Contact {
    /// A copy of this contact that carries only the fields `allowed` lets through.
    ///
    /// The identity (`id`, `sourceUID`) stays so the copy can be tracked; `extras`, `owner`
    /// and every field not allowed are dropped. This is the only way a contact is shaped
    /// for a destination, so it is where promise 1 (field by field) is kept.
    public func minimised(to allowed: FieldSet) -> Contact {
        var copy = Contact(id: id, sourceUID: sourceUID)
        if allowed.allows(.name) { copy.name = name }
        if allowed.allows(.organisation) { copy.organisation = organisation }
        if allowed.allows(.title) { copy.title = title }
        copy.phones = phones.filter { allowed.allows(.phone, kinds: Set($0.kinds.map(\.rawValue))) }
        copy.emails = emails.filter { allowed.allows(.email, kinds: Set($0.kinds.map(\.rawValue))) }
        copy.addresses = addresses.compactMap { allowed.allowedPart(of: $0) }
        if allowed.allows(.url) { copy.urls = urls }
        if allowed.allows(.birthday) { copy.birthday = birthday }
        if allowed.allows(.note) { copy.note = note }
        if allowed.allows(.tags) { copy.tags = tags }
        return copy
    }
}

extension Contact {
    /// The paths of `allowed` for which this contact holds a value: what a copy really carries.
    ///
    /// The ledger records these, not the whole allow-list, so that an answer to "what left?"
    /// does not claim an organisation or a mobile number that the subject never had.
    public func carriedFields(of allowed: FieldSet) -> FieldSet {
        FieldSet(
            allowed.paths.filter { path in
                switch path.field {
                case .name: !name.isEmpty
                case .organisation: organisation != nil
                case .title: !(title ?? "").isEmpty
                case .url: !urls.isEmpty
                case .birthday: !(birthday ?? "").isEmpty
                case .note: !(note ?? "").isEmpty
                case .tags: !tags.isEmpty
                case .phone: phones.contains { Self.value(kinds: Set($0.kinds.map(\.rawValue)), matches: path) }
                case .email: emails.contains { Self.value(kinds: Set($0.kinds.map(\.rawValue)), matches: path) }
                case .address:
                    addresses.contains { address in
                        Self.value(kinds: Set(address.kinds.map(\.rawValue)), matches: path)
                            && (path.part.map { !address.value(of: $0).isEmpty } ?? true)
                    }
                }
            })
    }

    private static func value(kinds: Set<String>, matches path: FieldPath) -> Bool {
        guard let kind = path.kind else { return true }
        return kinds.isEmpty ? kind == "other" : kinds.contains(kind)
    }
}

extension FieldSet {
    /// What of `address` may leave: the whole address when a path allows it whole, only the
    /// allowed parts (without the free-text label, which repeats them all) when paths allow
    /// parts, or nil when nothing allows it.
    func allowedPart(of address: PostalAddress) -> PostalAddress? {
        let matching = matching(.address, kinds: Set(address.kinds.map(\.rawValue)))
        guard !matching.isEmpty else { return nil }
        if matching.contains(where: { $0.part == nil }) { return address }
        var kept = PostalAddress(kinds: address.kinds, preferred: address.preferred)
        for part in Set(matching.compactMap(\.part)) { kept.set(part, to: address.value(of: part)) }
        return kept
    }
}

extension PostalAddress {
    public func value(of part: AddressPart) -> String {
        switch part {
        case .pobox: poBox
        case .extended: extended
        case .street: street
        case .city: locality
        case .region: region
        case .postalcode: postalCode
        case .country: country
        }
    }

    mutating func set(_ part: AddressPart, to value: String) {
        switch part {
        case .pobox: poBox = value
        case .extended: extended = value
        case .street: street = value
        case .city: locality = value
        case .region: region = value
        case .postalcode: postalCode = value
        case .country: country = value
        }
    }
}
