/// Lays out content lines for output: CRLF endings, folded so that no line is too long.
///
/// vCard 3.0 and 4.0 fold at 75 octets with CRLF and one space (RFC 6350 section 3.2); a fold
/// never splits a UTF-8 character or a two-character escape (`\,`, `^n`). vCard 2.1 values
/// that need it are quoted-printable (RFC 2045 section 6.7) with `=` soft breaks between
/// whole characters, every physical line at most 76 octets; 2.1 values are never folded with
/// CRLF and a space, which some readers keep inside the value.
enum VCardLineFolder {
    static let maximumOctets = 75
    static let maximumQuotedPrintableOctets = 76

    /// One folded content line, ending with CRLF.
    static func fold(_ line: String) -> String {
        // Most lines fit: they need no look at their characters.
        if line.utf8.count <= maximumOctets { return line + "\r\n" }
        var output = ""
        var width = 0
        for unit in units(of: line) {
            let octets = unit.utf8.count
            if width + octets > maximumOctets, width > 1 {
                output += "\r\n "
                width = 1
            }
            output += unit
            width += octets
        }
        return output + "\r\n"
    }

    /// Characters, with a backslash or caret and the character after it kept together.
    private static func units(of line: String) -> [String] {
        var units: [String] = []
        var pending: String?
        for scalar in line.unicodeScalars {
            if var escape = pending {
                escape.unicodeScalars.append(scalar)
                units.append(escape)
                pending = nil
            } else if scalar == "\\" || scalar == "^" {
                pending = String(scalar)
            } else {
                units.append(String(scalar))
            }
        }
        if let pending { units.append(pending) }
        return units
    }

    /// Whether a 2.1 value can be written as it is, or needs quoted-printable.
    static func needsQuotedPrintable(header: String, value: String) -> Bool {
        let plain = value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        return !plain || header.utf8.count + 1 + value.utf8.count > maximumQuotedPrintableOctets
            || value.hasSuffix(" ") || value.hasSuffix("\t")
    }

    /// A 2.1 content line with a quoted-printable value and `=` soft breaks, ending with CRLF.
    static func quotedPrintableLine(header: String, value: String) -> String {
        var output = header + ":"
        var width = output.utf8.count
        let scalars = Array(value.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let isLast = index == scalars.count - 1
            var unit = encode(scalar, isLast: isLast)
            // Room for the `=` of a soft break, unless this is the last character.
            let limit = maximumQuotedPrintableOctets - (isLast ? 0 : 1)
            if width + unit.utf8.count > limit, width > 0 {
                output += "=\r\n"
                width = 0
                // A continuation starting with whitespace could be taken for an RFC fold.
                if scalar == " " { unit = "=20" }
            }
            output += unit
            width += unit.utf8.count
        }
        return output + "\r\n"
    }

    private static func encode(_ scalar: Unicode.Scalar, isLast: Bool) -> String {
        if scalar == "\n" { return "=0D=0A" }
        if scalar == " " { return isLast ? "=20" : " " }
        if scalar.value > 0x20, scalar.value < 0x7F, scalar != "=" { return String(scalar) }
        return String(scalar).utf8.map { hexEscape($0) }.joined()
    }

    private static func hexEscape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
