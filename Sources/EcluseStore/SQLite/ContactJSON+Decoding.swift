import EcluseCore
import Foundation

extension ContactJSON {
    /// A stored contact's JSON read back, by hand when it has the shape `encode` writes, else
    /// by `JSONDecoder`, which gives the same `Contact` for any document both can read.
    ///
    /// Decoding with `JSONDecoder` was most of the CPU time of a first sync; the hand-written
    /// reader takes a fraction of it. A document the reader refuses (a key missing, a kind it
    /// does not know) goes to `JSONDecoder`, which decides: the same rules, the same errors.
    static func decode(_ bytes: [UInt8]) throws -> Contact {
        if let contact = try? read(bytes) { return contact }
        return try JSONDecoder().decode(Contact.self, from: Data(bytes))
    }

    /// Every key the synthesised `Decodable` requires is required here too; optional ones may be
    /// missing or null; unknown keys are stepped over.
    static func read(_ bytes: [UInt8]) throws -> Contact {
        var scanner = JSONScanner(bytes)
        var contact = Contact(id: SubjectID(""))
        var seen: Set<String> = []
        try scanner.object { scanner, key in
            seen.insert(key)
            switch key {
            case "id": contact.id = SubjectID(try scanner.string())
            case "sourceUID": contact.sourceUID = try scanner.optionalString()
            case "name": contact.name = try readName(&scanner)
            case "organisation": contact.organisation = try readOrganisation(&scanner)
            case "title": contact.title = try scanner.optionalString()
            case "phones":
                try scanner.array { scanner in
                    let point = try readPoint(&scanner, kind: PhoneKind.self)
                    contact.phones.append(
                        Phone(value: point.value, kinds: point.kinds, preferred: point.preferred, label: point.label))
                }
            case "emails":
                try scanner.array { scanner in
                    let point = try readPoint(&scanner, kind: ContactKind.self)
                    contact.emails.append(
                        Email(value: point.value, kinds: point.kinds, preferred: point.preferred, label: point.label))
                }
            case "addresses": try scanner.array { contact.addresses.append(try readAddress(&$0)) }
            case "urls": contact.urls = try scanner.strings()
            case "birthday": contact.birthday = try scanner.optionalString()
            case "note": contact.note = try scanner.optionalString()
            case "tags": contact.tags = try scanner.strings()
            case "owner": contact.owner = try scanner.optionalString()
            case "consent":
                if let raw = try scanner.optionalString() {
                    guard let consent = Consent(rawValue: raw) else { throw JSONScanner.Malformed() }
                    contact.consent = consent
                }
            case "lastInteraction": contact.lastInteraction = try readDate(&scanner)
            case "extras": try scanner.array { contact.extras.append(try readExtra(&$0)) }
            default: try scanner.skipValue()
            }
        }
        guard scanner.isAtEnd, seen.isSuperset(of: requiredKeys) else { throw JSONScanner.Malformed() }
        return contact
    }

    private static let requiredKeys: Set<String> = [
        "id", "name", "phones", "emails", "addresses", "urls", "tags", "extras",
    ]

    private static func readName(_ scanner: inout JSONScanner) throws -> PersonName {
        var name = PersonName()
        var seen: Set<String> = []
        try scanner.object { scanner, key in
            seen.insert(key)
            switch key {
            case "formatted": name.formatted = try scanner.optionalString()
            case "family": name.family = try scanner.string()
            case "given": name.given = try scanner.string()
            case "additional": name.additional = try scanner.string()
            case "prefix": name.prefix = try scanner.string()
            case "suffix": name.suffix = try scanner.string()
            default: try scanner.skipValue()
            }
        }
        guard seen.isSuperset(of: ["family", "given", "additional", "prefix", "suffix"]) else {
            throw JSONScanner.Malformed()
        }
        return name
    }

    private static func readOrganisation(_ scanner: inout JSONScanner) throws -> Organisation? {
        if try scanner.readNull() { return nil }
        var name: String?
        var units: [String]?
        try scanner.object { scanner, key in
            switch key {
            case "name": name = try scanner.string()
            case "units": units = try scanner.strings()
            default: try scanner.skipValue()
            }
        }
        guard let name, let units else { throw JSONScanner.Malformed() }
        return Organisation(name: name, units: units)
    }

    /// The shared shape of a phone and an email.
    private static func readPoint<Kind: RawRepresentable<String> & Hashable>(
        _ scanner: inout JSONScanner, kind: Kind.Type
    ) throws -> (value: String, kinds: Set<Kind>, preferred: Bool, label: String?) {
        var value: String?
        var kinds: Set<Kind>?
        var preferred: Bool?
        var label: String?
        try scanner.object { scanner, key in
            switch key {
            case "value": value = try scanner.string()
            case "kinds": kinds = try readKinds(&scanner)
            case "preferred": preferred = try scanner.bool()
            case "label": label = try scanner.optionalString()
            default: try scanner.skipValue()
            }
        }
        guard let value, let kinds, let preferred else { throw JSONScanner.Malformed() }
        return (value, kinds, preferred, label)
    }

    private static func readKinds<Kind: RawRepresentable<String> & Hashable>(
        _ scanner: inout JSONScanner
    ) throws -> Set<Kind> {
        var kinds: Set<Kind> = []
        for raw in try scanner.strings() {
            guard let kind = Kind(rawValue: raw) else { throw JSONScanner.Malformed() }
            kinds.insert(kind)
        }
        return kinds
    }

    private static func readAddress(_ scanner: inout JSONScanner) throws -> PostalAddress {
        var address = PostalAddress()
        var seen: Set<String> = []
        try scanner.object { scanner, key in
            seen.insert(key)
            switch key {
            case "kinds": address.kinds = try readKinds(&scanner)
            case "preferred": address.preferred = try scanner.bool()
            case "poBox": address.poBox = try scanner.string()
            case "extended": address.extended = try scanner.string()
            case "street": address.street = try scanner.string()
            case "locality": address.locality = try scanner.string()
            case "region": address.region = try scanner.string()
            case "postalCode": address.postalCode = try scanner.string()
            case "country": address.country = try scanner.string()
            case "label": address.label = try scanner.optionalString()
            default: try scanner.skipValue()
            }
        }
        let required: Set<String> = [
            "kinds", "preferred", "poBox", "extended", "street", "locality", "region", "postalCode", "country",
        ]
        guard seen.isSuperset(of: required) else { throw JSONScanner.Malformed() }
        return address
    }

    private static func readDate(_ scanner: inout JSONScanner) throws -> CalendarDate? {
        if try scanner.readNull() { return nil }
        var parts: [String: Int] = [:]
        try scanner.object { scanner, key in
            switch key {
            case "year", "month", "day": parts[key] = try scanner.int()
            default: try scanner.skipValue()
            }
        }
        guard let year = parts["year"], let month = parts["month"], let day = parts["day"] else {
            throw JSONScanner.Malformed()
        }
        return CalendarDate(year: year, month: month, day: day)
    }

    private static func readExtra(_ scanner: inout JSONScanner) throws -> RawProperty {
        var group: String?
        var name: String?
        var parameters: [String: [String]]?
        var value: String?
        try scanner.object { scanner, key in
            switch key {
            case "group": group = try scanner.optionalString()
            case "name": name = try scanner.string()
            case "parameters":
                var read: [String: [String]] = [:]
                try scanner.object { scanner, key in read[key] = try scanner.strings() }
                parameters = read
            case "value": value = try scanner.string()
            default: try scanner.skipValue()
            }
        }
        guard let name, let parameters, let value else { throw JSONScanner.Malformed() }
        return RawProperty(group: group, name: name, parameters: parameters, value: value)
    }
}
