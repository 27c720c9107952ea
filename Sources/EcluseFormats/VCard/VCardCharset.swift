/// Turns the bytes of a value into text with the charset a card declares.
///
/// vCard 3.0 and 4.0 are UTF-8 (RFC 6350 section 3.1); vCard 2.1 files carry a `CHARSET`
/// parameter, or none at all, in which case exporters of the time mostly wrote windows-1252.
enum VCardCharset {
    /// The decoded text, and whether the charset was unknown and a guess was made.
    static func decode(_ bytes: [UInt8], charset: String?) -> (text: String, guessed: Bool) {
        let name = charset?.trimmingWhitespace().uppercased()
        switch name {
        case "WINDOWS-1252", "CP1252", "X-CP1252":
            return (windows1252(bytes), false)
        case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "ISO-8859-15":
            return (latin1(bytes), false)
        case nil, "UTF-8", "UTF8", "US-ASCII", "ASCII":
            // Not valid UTF-8: most likely an old exporter's windows-1252, but a guess all the same.
            if let text = String(validating: bytes, as: UTF8.self) { return (text, false) }
            return (windows1252(bytes), true)
        default:
            return (utf8OrWindows1252(bytes), true)
        }
    }

    static func utf8OrWindows1252(_ bytes: [UInt8]) -> String {
        String(validating: bytes, as: UTF8.self) ?? windows1252(bytes)
    }

    static func latin1(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }

    static func windows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if (0x80...0x9F).contains(byte), let scalar = Unicode.Scalar(windows1252High[Int(byte) - 0x80]) {
                scalars.append(scalar)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// Code points of windows-1252 bytes 0x80 to 0x9F; the five unassigned bytes map to C1 controls.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The file's bytes as UTF-8 without a byte order mark; UTF-16 files are converted.
    static func removingByteOrderMark(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16ToUTF8(bytes.dropFirst(2), bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16ToUTF8(bytes.dropFirst(2), bigEndian: true) }
        return bytes
    }

    private static func utf16ToUTF8(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}

/// Quoted-printable decoding (RFC 2045 section 6.7), lenient with broken escapes.
enum QuotedPrintable {
    /// The decoded bytes; an `=` not followed by two hex digits is kept as it is.
    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Ascii.equals, index + 2 < bytes.count,
                let high = Ascii.hexValue(bytes[index + 1]), let low = Ascii.hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else if byte == Ascii.equals, index == bytes.count - 1 {
                index += 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }
}
