/// Backslash escapes of text values, which differ by version.
///
/// vCard 3.0 and 4.0 escape `\`, `,`, `;` and line breaks in text (RFC 2426 section 5,
/// RFC 6350 section 3.4). vCard 2.1 has no backslash escapes in text; only a `;` inside a
/// structured value (N, ADR, ORG) is written `\;`, and Ecluse treats `\,` in a list the same way;
/// there `\\` stands for one backslash, so that a component may end with one.
enum VCardEscaping {
    /// The text of a single-valued text property.
    static func unescape(_ text: String, version: VCardVersion) -> String {
        guard version != .v21, text.utf8.contains(Ascii.backslash) else { return text }
        var output = String.UnicodeScalarView()
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "n", "N": output.append("\n")
                case ",", ";", "\\", ":": output.append(scalar)
                default:
                    output.append("\\")
                    output.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                output.append(scalar)
            }
        }
        if escaping { output.append("\\") }
        return String(output)
    }

    /// Splits on each `separator` that no backslash protects, then unescapes each part.
    static func split(_ text: String, on separator: Unicode.Scalar, version: VCardVersion) -> [String] {
        // Without a backslash there is nothing to unescape: cut the bytes at the separator.
        if separator.isASCII, !text.utf8.contains(Ascii.backslash) {
            return text.utf8.split(separator: UInt8(separator.value), omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                if version == .v21, scalar != separator, scalar != "\\" { current.append("\\") }
                if version != .v21 { current.append("\\") }
                current.append(scalar)
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else if scalar == separator {
                parts.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if escaping { current.append("\\") }
        parts.append(String(current))
        return version == .v21 ? parts : parts.map { unescape($0, version: version) }
    }

    /// Whether a 3.0 or 4.0 text value holds a comma that no backslash protects.
    static func hasBareComma(_ text: String) -> Bool {
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else if scalar == "," {
                return true
            }
        }
        return false
    }

    /// Text escaped for a 3.0 or 4.0 value; `keepingCommas` leaves commas and semicolons as
    /// they are, for values that are never split (URLs).
    static func escape(_ text: String, keepingSeparators: Bool = false) -> String {
        var output = ""
        for scalar in normalisingLineBreaks(text).unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "," where !keepingSeparators: output += "\\,"
            case ";" where !keepingSeparators: output += "\\;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A component of a 2.1 structured or list value: only the separator and backslash are protected.
    static func escapeForVersion21(_ text: String, separator: Character) -> String {
        var output = ""
        for character in normalisingLineBreaks(text) {
            if character == separator || character == "\\" { output.append("\\") }
            output.append(character)
        }
        return output
    }

    /// A parameter value with RFC 6868 caret escapes (`^n`, `^'`, `^^`) undone.
    static func caretDecoded(_ text: String) -> String {
        var output = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "n", "N": output.append("\n")
                case "'": output.append("\"")
                case "^": output.append("^")
                default: output += "^" + String(character)
                }
                escaping = false
            } else if character == "^" {
                escaping = true
            } else {
                output.append(character)
            }
        }
        if escaping { output.append("^") }
        return output
    }

    /// CRLF and lone CR become LF, the one line break Ecluse stores.
    static func normalisingLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(Ascii.carriageReturn) else { return text }
        var output = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                output.append("\n")
                previousWasCR = true
            } else {
                if !(scalar == "\n" && previousWasCR) { output.append(scalar) }
                previousWasCR = false
            }
        }
        return String(output)
    }
}
