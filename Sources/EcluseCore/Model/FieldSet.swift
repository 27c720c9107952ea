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
