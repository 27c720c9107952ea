/// The character encoding a CSV file was written in, as detected from its bytes.
///
/// Spreadsheet exports carry no declaration, so the bytes decide: a byte order mark names
/// UTF-8 or UTF-16; without one, text that is valid UTF-8 is UTF-8, and anything else is
/// windows-1252, the code page Excel and Outlook use on Western European Windows.
public enum CSVEncoding: String, Sendable, Hashable, Codable {
    case utf8 = "UTF-8"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case windows1252 = "windows-1252"

    /// The encoding of `bytes`, and the same text as UTF-8 without a byte order mark.
    static func transcode(_ bytes: [UInt8]) -> (encoding: CSVEncoding, utf8: [UInt8]) {
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (.utf16LittleEndian, VCardCharset.removingByteOrderMark(bytes))
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (.utf16BigEndian, VCardCharset.removingByteOrderMark(bytes))
        }
        let body = VCardCharset.removingByteOrderMark(bytes)
        if String(validating: body, as: UTF8.self) != nil { return (.utf8, body) }

        // Not valid UTF-8: the whole file is windows-1252, never a mix (import case 40).
        return (.windows1252, Array(VCardCharset.windows1252(body).utf8))
    }
}
