import EcluseCore

/// Builds one contact from the properties of one card, once its version is known.
///
/// Modelled properties fill the contact's fields; every other property goes to `extras`
/// unchanged, so that an import loses nothing. Warnings name properties, never values.
struct VCardCardBuilder {
    let version: VCardVersion
    let file: String
    var warnings: [FormatWarning] = []
    var contact = Contact(id: SubjectID(""))
    var seen: Set<String> = []
    var groupLabels: [String: String] = [:]
    var usedLabelGroups: Set<String> = []
    var addressGroups: [Int: String] = [:]
    var pendingLabels: [VCardProperty] = []
    var warnedBareComma = false
    var warnedCharset = false

    init(version: VCardVersion, file: String) {
        self.version = version
        self.file = file
    }

    /// The contact, or nil when the card holds nothing Ecluse models (it is then skipped).
    mutating func build(_ properties: [VCardProperty], beginLine: Int) -> Contact? {
        collectGroupLabels(properties)
        for property in properties { add(property) }
        attachPendingLabels()
        keepUnusedGroupLabels(properties)
        guard hasUsableData else { return nil }

        if (contact.name.formatted ?? "").isEmpty {
            deriveDisplayName(line: beginLine)
        }
        return contact
    }

    private mutating func add(_ property: VCardProperty) {
        switch property.name {
        case "BEGIN", "END", "VERSION": return
        case "FN": once(property) { $0.contact.name.formatted = $0.text(property, checkingCommas: true) }
        case "N": addName(property)
        case "ORG": once(property) { $0.addOrganisation(property) }
        case "TITLE": once(property) { $0.contact.title = $0.text(property, checkingCommas: true) }
        case "NOTE": once(property) { $0.contact.note = $0.text(property, checkingCommas: true) }
        case "BDAY": once(property) { $0.contact.birthday = $0.text(property).trimmingWhitespace() }
        case "UID": once(property) { $0.contact.sourceUID = $0.text(property).trimmingWhitespace() }
        case "X-CRM-OWNER": once(property) { $0.contact.owner = $0.text(property).trimmingWhitespace() }
        case "X-CRM-CONSENT": readConsent(property)
        case "X-CRM-LAST-INTERACTION": once(property) { $0.readLastInteraction(property) }
        case "TEL": addPhone(property)
        case "EMAIL": addEmail(property)
        case "ADR": addAddress(property)
        case "LABEL": pendingLabels.append(property)
        case "URL": contact.urls.append(text(property).trimmingWhitespace())
        case "CATEGORIES": addTags(property)
        case "X-ABLABEL": return
        default: keep(property)
        }
    }

    /// Runs `body` for the first occurrence of a property; later ones go to extras.
    private mutating func once(_ property: VCardProperty, _ body: (inout VCardCardBuilder) -> Void) {
        guard seen.insert(property.name).inserted else {
            keep(property)
            return
        }
        body(&self)
    }

    private mutating func addName(_ property: VCardProperty) {
        guard seen.insert("N").inserted else {
            warn("duplicate N ignored; the first N of the card was kept", line: property.line)
            keep(property)
            return
        }
        var parts = components(property)
        while parts.count < 5 { parts.append("") }
        contact.name.family = parts[0]
        contact.name.given = parts[1]
        contact.name.additional = parts[2]
        contact.name.prefix = parts[3]
        contact.name.suffix = parts[4]
    }

    private mutating func addOrganisation(_ property: VCardProperty) {
        let parts = components(property)
        contact.organisation = Organisation(name: parts.first ?? "", units: Array(parts.dropFirst()))
    }

    // An Apple label (`_$!<Home>!$_`) is the only kind such a value has: without reading it, a
    // home address or number would count as `other` and could leave under an `other` rule.

    private mutating func addPhone(_ property: VCardProperty) {
        var (kinds, preferred) = VCardTypes.phoneKinds(property)
        let label = property.group.flatMap { labelOfGroup($0) }
        if kinds.isSubset(of: [.voice]), let label { kinds.formUnion(VCardTypes.phoneKinds(ofLabel: label)) }
        contact.phones.append(Phone(value: text(property), kinds: kinds, preferred: preferred, label: label))
    }

    private mutating func addEmail(_ property: VCardProperty) {
        var (kinds, preferred) = VCardTypes.contactKinds(property)
        let label = property.group.flatMap { labelOfGroup($0) }
        if kinds.isEmpty, let label { kinds = VCardTypes.contactKinds(ofLabel: label) }
        let value = text(property).trimmingWhitespace()
        contact.emails.append(Email(value: value, kinds: kinds, preferred: preferred, label: label))
    }

    private mutating func addAddress(_ property: VCardProperty) {
        var (kinds, preferred) = VCardTypes.contactKinds(property)
        if kinds.isEmpty, let label = property.group.flatMap({ groupLabels[$0.uppercased()] }) {
            kinds = VCardTypes.contactKinds(ofLabel: label)
        }
        var parts = components(property)
        while parts.count < 7 { parts.append("") }
        let label = property.parameters["LABEL"]?.first.map(VCardEscaping.caretDecoded)
        let address = PostalAddress(
            kinds: kinds, preferred: preferred, poBox: parts[0], extended: parts[1], street: parts[2],
            locality: parts[3], region: parts[4], postalCode: parts[5], country: parts[6], label: label)
        if let group = property.group { addressGroups[contact.addresses.count] = group.uppercased() }
        contact.addresses.append(address)
    }

    private mutating func addTags(_ property: VCardProperty) {
        let raw = decodedText(property)
        for part in VCardEscaping.split(raw, on: ",", version: version) {
            let tag = part.trimmingWhitespace().lowercased()
            if !tag.isEmpty, !contact.tags.contains(tag) { contact.tags.append(tag) }
        }
    }

    /// A vCard 2.1 or 3.0 `LABEL` goes to the address of its group, else of its kinds.
    private mutating func attachPendingLabels() {
        for property in pendingLabels {
            let label = text(property)
            let (kinds, _) = VCardTypes.contactKinds(property)
            let byGroup = property.group.flatMap { group in
                addressGroups.first { $0.value == group.uppercased() }?.key
            }
            let byKinds = contact.addresses.indices.first {
                contact.addresses[$0].label == nil && contact.addresses[$0].kinds == kinds
            }
            if let index = byGroup ?? byKinds, contact.addresses[index].label == nil {
                contact.addresses[index].label = label
            } else {
                keep(property)
            }
        }
    }

    private mutating func collectGroupLabels(_ properties: [VCardProperty]) {
        for property in properties where property.name == "X-ABLABEL" {
            guard let group = property.group?.uppercased(), groupLabels[group] == nil else { continue }
            groupLabels[group] = VCardTypes.readableLabel(text(property))
        }
    }

    private mutating func labelOfGroup(_ group: String) -> String? {
        let key = group.uppercased()
        guard let label = groupLabels[key] else { return nil }
        usedLabelGroups.insert(key)
        return label
    }

    private mutating func keepUnusedGroupLabels(_ properties: [VCardProperty]) {
        for property in properties where property.name == "X-ABLABEL" {
            guard let group = property.group?.uppercased(), usedLabelGroups.contains(group) else {
                keep(property)
                continue
            }
        }
    }
}
