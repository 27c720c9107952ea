import EcluseCore

/// A field of a contact that a CSV column can fill, as written in a mapping file.
///
/// The spelling follows the policy file's field names: `name.given`, `email.work`,
/// `phone.mobile`, `address.work.city`. Kinds may be combined (`phone.work.fax`).
public enum CSVField: Sendable, Hashable {
    case fullName, givenName, familyName, additionalName, namePrefix, nameSuffix
    case organisation, department, title
    case email(Set<ContactKind>)
    case phone(Set<PhoneKind>)
    case address(Set<ContactKind>, AddressPart)
    case birthday, note, tags, owner, uid, url, consent, lastInteraction

    /// A part of a postal address.
    public enum AddressPart: String, Sendable, Hashable, CaseIterable {
        case poBox = "pobox"
        case extended
        case street
        case city
        case region
        case postalCode = "postalcode"
        case country
    }

    /// The names a mapping file may use, for error messages and documentation.
    public static let spellings =
        "name, name.given, name.family, name.additional, name.prefix, name.suffix, organisation, "
        + "organisation.unit, title, email[.work|.home|.other], phone[.work|.home|.mobile|.fax|.pager|.other…], "
        + "address.<work|home|other>.<street|city|region|postalcode|country|pobox|extended>, "
        + "birthday, note, tags, owner, uid, url, consent, last-interaction"

    private static let simple: [String: CSVField] = [
        "name": .fullName, "name.full": .fullName, "name.given": .givenName, "name.family": .familyName,
        "name.additional": .additionalName, "name.prefix": .namePrefix, "name.suffix": .nameSuffix,
        "organisation": .organisation, "organization": .organisation, "org": .organisation,
        "organisation.unit": .department, "organization.unit": .department, "title": .title,
        "birthday": .birthday, "note": .note, "notes": .note, "tags": .tags, "owner": .owner,
        "uid": .uid, "url": .url, "consent": .consent, "last-interaction": .lastInteraction,
    ]

    /// The field a mapping file's text names, or nil when it names none.
    public init?(parsing text: String) {
        let key = text.trimmingWhitespace().lowercased()
        if let field = Self.simple[key] {
            self = field
            return
        }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "email":
            guard let kinds = Self.kinds(parts.dropFirst(), as: ContactKind.self) else { return nil }
            self = .email(kinds)
        case "phone":
            let names = parts.dropFirst().map { $0 == "cell" ? "mobile" : $0 }
            guard let kinds = Self.kinds(names[...], as: PhoneKind.self) else { return nil }
            self = .phone(kinds)
        case "address":
            guard let part = parts.last.flatMap(AddressPart.init(rawValue:)),
                let kinds = Self.kinds(parts.dropFirst().dropLast(), as: ContactKind.self)
            else { return nil }
            self = .address(kinds, part)
        default:
            return nil
        }
    }

    private static func kinds<Kind: RawRepresentable & Hashable>(
        _ names: ArraySlice<String>, as: Kind.Type
    ) -> Set<Kind>? where Kind.RawValue == String {
        var kinds = Set<Kind>()
        for name in names {
            guard let kind = Kind(rawValue: name) else { return nil }
            kinds.insert(kind)
        }
        return kinds
    }
}
