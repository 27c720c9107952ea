/// One field of a contact that a rule can allow to leave: `name`, `phone.work`, `email.*`…
///
/// A path names a field and, for multi-valued fields, optionally the kind of value
/// (`phone.mobile`); `phone` and `phone.*` both mean every phone number.
public struct FieldPath: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public var field: ContactField
    /// The kind a multi-valued field is narrowed to; nil means every value.
    public var kind: String?

    public init(_ field: ContactField, kind: String? = nil) {
        self.field = field
        self.kind = kind
    }

    /// Parses a path as written in a policy; returns nil when it names no field.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        guard let field = ContactField(rawValue: parts[0]) else { return nil }
        self.field = field
        guard parts.count == 2, parts[1] != "*" else { return }
        guard field.kinds.contains(parts[1]) else { return nil }
        self.kind = parts[1]
    }

    public var description: String { kind.map { "\(field.rawValue).\($0)" } ?? field.rawValue }

    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool { lhs.description < rhs.description }

    /// Every path a policy may name, for error messages that suggest the right one.
    public static var allSpellings: [String] {
        ContactField.allCases.flatMap { field in
            [field.rawValue] + field.kinds.map { "\(field.rawValue).\($0)" }
        }
    }
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
    public func allows(_ field: ContactField, kinds: Set<String>) -> Bool {
        let effective = kinds.isEmpty ? ["other"] : kinds
        return paths.contains { path in
            path.field == field && (path.kind.map { effective.contains($0) } ?? true)
        }
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
        copy.addresses = addresses.filter { allowed.allows(.address, kinds: Set($0.kinds.map(\.rawValue))) }
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
                case .address: addresses.contains { Self.value(kinds: Set($0.kinds.map(\.rawValue)), matches: path) }
                }
            })
    }

    private static func value(kinds: Set<String>, matches path: FieldPath) -> Bool {
        guard let kind = path.kind else { return true }
        return kinds.isEmpty ? kind == "other" : kinds.contains(kind)
    }
}
