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
