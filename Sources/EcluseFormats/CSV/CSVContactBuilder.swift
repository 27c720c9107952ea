import EcluseCore

/// Fills one contact from the cells of one row, field by field.
///
/// Values are trimmed and empty ones ignored. Several street columns of one address join
/// with line breaks (Outlook's `Business Street 2`); address columns of the same kinds
/// fill the same address.
struct CSVContactBuilder {
    private(set) var contact = Contact(id: SubjectID(""))
    /// Whether a full-name column gave a value.
    private(set) var hasFullName = false
    private var addressKeys: [Set<ContactKind>] = []

    mutating func apply(_ field: CSVField, _ rawValue: String) {
        let value = rawValue.trimmingWhitespace()
        guard !value.isEmpty else { return }
        switch field {
        case .fullName:
            contact.name.formatted = value
            hasFullName = true
        case .givenName: contact.name.given = value
        case .familyName: contact.name.family = value
        case .additionalName: contact.name.additional = value
        case .namePrefix: contact.name.prefix = value
        case .nameSuffix: contact.name.suffix = value
        case .organisation: contact.organisation = Organisation(name: value, units: contact.organisation?.units ?? [])
        case .department:
            var organisation = contact.organisation ?? Organisation(name: "")
            organisation.units.append(value)
            contact.organisation = organisation
        case .title: contact.title = value
        case .email(let kinds): contact.emails.append(Email(value: value, kinds: kinds))
        case .phone(let kinds): contact.phones.append(Phone(value: value, kinds: kinds))
        case .address(let kinds, let part): apply(part, value, toAddressOf: kinds)
        case .birthday: contact.birthday = Self.isEmptyDate(value) ? nil : value
        case .note: contact.note = value
        case .tags: addTags(value.split { $0 == ";" || $0 == "," }.map(String.init))
        case .owner: contact.owner = value
        case .uid: contact.sourceUID = value
        case .url: contact.urls.append(value)
        // An unreadable consent or date is left unknown: the stricter reading for consent,
        // since `given` is what a consent-based purpose needs.
        case .consent: contact.consent = Consent(rawValue: value.trimmingWhitespace().lowercased())
        case .lastInteraction: contact.lastInteraction = CalendarDate(isoPrefix: value.trimmingWhitespace())
        }
    }

    /// Adds tags lowercased, without duplicates.
    mutating func addTags(_ tags: [String]) {
        for tag in tags.map({ $0.trimmingWhitespace().lowercased() }) where !tag.isEmpty {
            if !contact.tags.contains(tag) { contact.tags.append(tag) }
        }
    }

    mutating func addEmail(_ email: Email) { contact.emails.append(email) }

    mutating func addPhone(_ phone: Phone) { contact.phones.append(phone) }

    mutating func addAddress(_ address: PostalAddress) { contact.addresses.append(address) }

    mutating func keep(column: String, value: String) {
        guard !value.trimmingWhitespace().isEmpty else { return }
        contact.extras.append(RawProperty(name: "X-CSV-\(column)", value: value))
    }

    private mutating func apply(_ part: CSVField.AddressPart, _ value: String, toAddressOf kinds: Set<ContactKind>) {
        if !addressKeys.contains(kinds) {
            addressKeys.append(kinds)
            contact.addresses.append(PostalAddress(kinds: kinds))
        }
        guard let index = addressKeys.firstIndex(of: kinds) else { return }
        contact.addresses[index].set(part, value)
    }

    /// Outlook writes `0/0/00` for a contact without a birthday.
    private static func isEmptyDate(_ value: String) -> Bool {
        value.allSatisfy { $0 == "0" || $0 == "/" || $0 == "-" || $0 == "." }
    }
}

extension PostalAddress {
    /// Sets one part; a second street line joins the first with a line break.
    mutating func set(_ part: CSVField.AddressPart, _ value: String) {
        switch part {
        case .poBox: poBox = value
        case .extended: extended = value
        case .street: street = street.isEmpty ? value : street + "\n" + value
        case .city: locality = value
        case .region: region = value
        case .postalCode: postalCode = value
        case .country: country = value
        }
    }
}
