import EcluseCrypto

extension Contact {
    /// A stable text form of the exportable fields, one per line, kinds sorted.
    ///
    /// It is what `contentHash` hashes, so it must not depend on dictionary or set order.
    /// Fields are separated by NUL-free markers; values are length-prefixed so that no value
    /// can imitate another field.
    public var canonicalText: String {
        var lines: [String] = []
        func add(_ key: String, _ values: String?...) {
            let parts = values.map { value in value.map { "\($0.utf8.count):\($0)" } ?? "-" }
            lines.append(key + "=" + parts.joined(separator: "|"))
        }
        add("uid", sourceUID)
        add("n", name.formatted, name.family, name.given, name.additional, name.prefix, name.suffix)
        if let organisation { add("org", ([organisation.name] + organisation.units).joined(separator: ";")) }
        add("title", title)
        for phone in phones {
            add(
                "tel", phone.value, phone.kinds.map(\.rawValue).sorted().joined(separator: ","),
                phone.preferred ? "pref" : "", phone.label)
        }
        for email in emails {
            add(
                "email", email.value, email.kinds.map(\.rawValue).sorted().joined(separator: ","),
                email.preferred ? "pref" : "", email.label)
        }
        for address in addresses {
            add(
                "adr", address.poBox, address.extended, address.street, address.locality, address.region,
                address.postalCode, address.country, address.label,
                address.kinds.map(\.rawValue).sorted().joined(separator: ","), address.preferred ? "pref" : "")
        }
        for url in urls { add("url", url) }
        add("bday", birthday)
        add("note", note)
        add("tags", tags.sorted().joined(separator: ","))
        return lines.joined(separator: "\n")
    }

    /// The SHA-256 of `canonicalText`, hex.
    public var contentHash: String { SHA256.hex(canonicalText) }
}
