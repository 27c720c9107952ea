/// The text of one card being written, property by property, in one vCard version.
struct CardText {
    /// How a value is escaped before it is written.
    enum Value {
        /// Written as it is (BEGIN, VERSION).
        case raw(String)
        /// One text value: `\`, `,`, `;` and line breaks escaped in 3.0 and 4.0.
        case text(String)
        /// A URI: never split, so only backslashes and line breaks are escaped.
        case uri(String)
        /// Components joined with `;` (N, ADR, ORG).
        case structured([String])
        /// Items joined with `,` (CATEGORIES).
        case list([String])
    }

    let version: VCardVersion
    private(set) var text = ""

    init(version: VCardVersion) { self.version = version }

    mutating func append(
        _ name: String, group: String? = nil, types: [String] = [], preferred: Bool = false,
        extra: [String] = [], _ value: Value
    ) {
        let header = ([group.map { "\($0).\(name)" } ?? name] + parameters(types, preferred) + extra)
            .joined(separator: ";")
        guard version == .v21 else {
            text += VCardLineFolder.fold(header + ":" + escaped(value))
            return
        }
        let plain = version21(value)
        if case .raw = value {
            text += header + ":" + plain + "\r\n"
        } else if VCardLineFolder.needsQuotedPrintable(header: header, value: plain) {
            let isASCII = plain.unicodeScalars.allSatisfy { $0.isASCII }
            let encoding = (isASCII ? [] : ["CHARSET=UTF-8"]) + ["ENCODING=QUOTED-PRINTABLE"]
            let qpHeader = ([header] + encoding).joined(separator: ";")
            text += VCardLineFolder.quotedPrintableLine(header: qpHeader, value: plain)
        } else {
            text += header + ":" + plain + "\r\n"
        }
    }

    private func parameters(_ types: [String], _ preferred: Bool) -> [String] {
        switch version {
        case .v21:
            return (types + (preferred ? ["pref"] : [])).map { $0.uppercased() }
        case .v30:
            let all = types + (preferred ? ["pref"] : [])
            return all.isEmpty ? [] : ["TYPE=" + all.joined(separator: ",")]
        case .v40:
            return (types.isEmpty ? [] : ["TYPE=" + types.joined(separator: ",")]) + (preferred ? ["PREF=1"] : [])
        }
    }

    private func escaped(_ value: Value) -> String {
        switch value {
        case .raw(let text): text
        case .text(let text): VCardEscaping.escape(text)
        case .uri(let text): VCardEscaping.escape(text, keepingSeparators: true)
        case .structured(let parts): parts.map { VCardEscaping.escape($0) }.joined(separator: ";")
        case .list(let items): items.map { VCardEscaping.escape($0) }.joined(separator: ",")
        }
    }

    /// 2.1 has no backslash escapes in text; only the separator of a structured or list value.
    private func version21(_ value: Value) -> String {
        switch value {
        case .raw(let text), .text(let text), .uri(let text): VCardEscaping.normalisingLineBreaks(text)
        case .structured(let parts):
            parts.map { VCardEscaping.escapeForVersion21($0, separator: ";") }.joined(separator: ";")
        case .list(let items):
            items.map { VCardEscaping.escapeForVersion21($0, separator: ",") }.joined(separator: ",")
        }
    }

    /// A parameter value as RFC 6868 writes it inside quotes: `^n`, `^'` and `^^`.
    static func caretEncoded(_ text: String) -> String {
        var output = ""
        for character in VCardEscaping.normalisingLineBreaks(text) {
            switch character {
            case "^": output += "^^"
            case "\n": output += "^n"
            case "\"": output += "^'"
            default: output.append(character)
            }
        }
        return output
    }
}
