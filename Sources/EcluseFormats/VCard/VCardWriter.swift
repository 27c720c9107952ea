import EcluseCore

/// The vCard versions Ecluse reads and writes.
public enum VCardVersion: String, Sendable, Hashable, Codable {
    case v21 = "2.1"
    case v30 = "3.0"
    case v40 = "4.0"
}

/// Writes contacts as vCards.
///
/// Only the modelled fields are written, never `extras` nor `owner`: a copy carries only what
/// a policy lets through. Output is deterministic (kinds sorted), uses CRLF, has no byte
/// order mark, and is folded so that no line exceeds 75 octets (76 for 2.1 quoted-printable).
public struct VCardWriter: Sendable {
    public init() {}

    public func write(_ contact: Contact, uid: String, version: VCardVersion) -> String {
        var card = CardText(version: version)
        card.append("BEGIN", .raw("VCARD"))
        card.append("VERSION", .raw(version.rawValue))
        card.append("UID", .text(uid))
        card.append("FN", .text(contact.displayName))
        let name = contact.name
        card.append("N", .structured([name.family, name.given, name.additional, name.prefix, name.suffix]))
        if let organisation = contact.organisation {
            card.append("ORG", .structured([organisation.name] + organisation.units))
        }
        if let title = contact.title, !title.isEmpty { card.append("TITLE", .text(title)) }
        for phone in contact.phones {
            card.append("TEL", types: VCardTypes.names(of: phone.kinds), preferred: phone.preferred, .text(phone.value))
        }
        for email in contact.emails {
            let types = (version == .v40 ? [] : ["internet"]) + VCardTypes.names(of: email.kinds)
            card.append("EMAIL", types: types, preferred: email.preferred, .text(email.value))
        }
        for (index, address) in contact.addresses.enumerated() {
            append(address, number: index + 1, to: &card)
        }
        for url in contact.urls { card.append("URL", .uri(url)) }
        if let birthday = contact.birthday, !birthday.isEmpty { card.append("BDAY", .text(birthday)) }
        if let note = contact.note, !note.isEmpty { card.append("NOTE", .text(note)) }
        if !contact.tags.isEmpty { card.append("CATEGORIES", .list(contact.tags)) }
        card.append("END", .raw("VCARD"))
        return card.text
    }

    /// ADR, and its label: a LABEL parameter in 4.0, a LABEL property in the same group before.
    private func append(_ address: PostalAddress, number: Int, to card: inout CardText) {
        let types = VCardTypes.names(of: address.kinds)
        let components = [
            address.poBox, address.extended, address.street, address.locality, address.region,
            address.postalCode, address.country,
        ]
        guard let label = address.label, !label.isEmpty else {
            card.append("ADR", types: types, preferred: address.preferred, .structured(components))
            return
        }
        if card.version == .v40 {
            let parameter = "LABEL=\"\(CardText.caretEncoded(label))\""
            card.append("ADR", types: types, preferred: address.preferred, extra: [parameter], .structured(components))
            return
        }
        let group = "adr\(number)"
        card.append("ADR", group: group, types: types, preferred: address.preferred, .structured(components))
        card.append("LABEL", group: group, types: types, preferred: false, .text(label))
    }
}
