import EcluseCore

extension VCardCardBuilder {
    /// The value's text: transfer encoding undone, charset applied, line breaks made LF.
    mutating func decodedText(_ property: VCardProperty) -> String {
        var bytes = property.rawValue
        if property.encoding == "QUOTED-PRINTABLE" { bytes = QuotedPrintable.decode(bytes) }
        let (text, guessed) = VCardCharset.decode(bytes, charset: property.charset)
        if guessed, !warnedCharset {
            warnedCharset = true
            let what = property.charset == nil ? "no CHARSET and bytes that are not UTF-8" : "an unknown CHARSET"
            warn("\(Self.safeName(property)) has \(what); read as UTF-8 or windows-1252", line: property.line)
        }
        return VCardEscaping.normalisingLineBreaks(text)
    }

    /// The value of a single text property, unescaped for the card's version.
    mutating func text(_ property: VCardProperty, checkingCommas: Bool = false) -> String {
        let raw = decodedText(property)
        if checkingCommas { noteBareComma(raw, property: property) }
        return VCardEscaping.unescape(raw, version: version)
    }

    /// The components of a structured value (N, ADR, ORG), split on unescaped semicolons.
    mutating func components(_ property: VCardProperty) -> [String] {
        let raw = decodedText(property)
        if property.name == "ORG" { noteBareComma(raw, property: property) }
        return VCardEscaping.split(raw, on: ";", version: version)
    }

    /// Keeps a property Ecluse does not model, with its value decoded to text when it was
    /// quoted-printable; base64 data stays as written, without the folding whitespace.
    mutating func keep(_ property: VCardProperty) {
        var parameters = property.parameters
        let value: String
        switch property.encoding {
        case "QUOTED-PRINTABLE":
            value = decodedText(property)
            parameters["ENCODING"] = nil
            parameters["CHARSET"] = nil
        case "BASE64", "B":
            value = String(decoding: property.rawValue.filter { $0 > Ascii.space }, as: UTF8.self)
        default:
            value = decodedText(property)
        }
        let isEmpty = value.unicodeScalars.allSatisfy { $0 == ";" || $0 == " " || $0 == "\t" }
        if isEmpty, property.name == "SOUND" || property.name.hasPrefix("X-") {
            warn("empty \(Self.safeName(property)) ignored", line: property.line)
            return
        }
        contact.extras.append(
            RawProperty(group: property.group, name: property.name, parameters: parameters, value: value))
    }

    mutating func warn(_ message: String, line: Int) {
        warnings.append(FormatWarning(message, at: SourceLocation(file: file, line: line)))
    }

    /// Whether the card has any modelled data; PRODID, REV and the like alone do not count.
    var hasUsableData: Bool {
        !contact.name.isEmpty || !(contact.organisation?.name ?? "").isEmpty || !contact.phones.isEmpty
            || !contact.emails.isEmpty || !contact.addresses.isEmpty || !contact.urls.isEmpty
            || contact.title?.isEmpty == false || contact.note?.isEmpty == false
            || contact.birthday?.isEmpty == false || !contact.tags.isEmpty
    }

    /// A card without FN still needs a name to show: built from N, else ORG, else a contact point.
    mutating func deriveDisplayName(line: Int) {
        let fromName = contact.name.built
        let fromOrganisation = contact.organisation?.name ?? ""
        let candidates: [(String, String)] = [
            (fromName, "N"), (fromOrganisation, "ORG"),
            (contact.emails.first?.value ?? "", "EMAIL"), (contact.phones.first?.value ?? "", "TEL"),
        ]
        guard let (name, source) = candidates.first(where: { !$0.0.isEmpty }) else {
            warn("card has no FN and nothing to build a name from", line: line)
            return
        }
        contact.name.formatted = name
        warn("card has no FN; the display name was built from \(source)", line: line)
    }

    private mutating func noteBareComma(_ raw: String, property: VCardProperty) {
        guard version != .v21, !warnedBareComma, VCardEscaping.hasBareComma(raw) else { return }
        warnedBareComma = true
        warn("unescaped comma in \(Self.safeName(property)) accepted literally", line: property.line)
    }

    /// A property name fit for a message: a standard or X- name, never a stray value.
    static func safeName(_ property: VCardProperty) -> String {
        let name = property.name
        let isToken =
            name.count <= 40
            && name.unicodeScalars.allSatisfy {
                ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "-"
            }
        return isToken && (name.hasPrefix("X-") || standardNames.contains(name)) ? name : "a property"
    }

    private static let standardNames: Set<String> = [
        "SOURCE", "KIND", "XML", "FN", "N", "NICKNAME", "PHOTO", "BDAY", "ANNIVERSARY", "GENDER", "ADR",
        "LABEL", "TEL", "EMAIL", "IMPP", "LANG", "TZ", "GEO", "TITLE", "ROLE", "LOGO", "ORG", "MEMBER",
        "RELATED", "CATEGORIES", "NOTE", "PRODID", "REV", "SOUND", "UID", "CLIENTPIDMAP", "URL", "KEY",
        "FBURL", "CALADRURI", "CALURI", "CLASS", "PROFILE", "NAME", "MAILER", "SORT-STRING", "AGENT",
    ]
}
