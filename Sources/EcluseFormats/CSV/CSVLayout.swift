import EcluseCore

/// The kind of table a CSV file holds, which says what each column means.
public enum CSVLayout: String, Sendable, Hashable, Codable {
    case googleContacts = "Google Contacts"
    case outlookEnglish = "Outlook (English)"
    case outlookFrench = "Outlook (French)"
    /// A table described by a mapping file.
    case mapped = "mapping file"

    /// The built-in layout that `header` matches, if any.
    ///
    /// Google is recognised by its own column names. Outlook needs a name column and at least
    /// half of the columns known; the language with more known columns wins. A table that
    /// only shares a few column names with Outlook is not guessed at: guessing wrong would
    /// put an organisation in the name and overwrite stored contacts.
    static func recognise(_ header: [String]) -> CSVLayout? {
        if GoogleCSVColumns.recognises(header) { return .googleContacts }
        let english = knownColumns(of: .outlookEnglish, in: header)
        let french = knownColumns(of: .outlookFrench, in: header)
        let best: (CSVLayout, [CSVField]) =
            french.count > english.count ? (.outlookFrench, french) : (.outlookEnglish, english)
        let named = best.1.contains { [.fullName, .givenName, .familyName].contains($0) }
        guard best.1.count >= 2, named, best.1.count * 2 >= header.count else { return nil }
        return best.0
    }

    private static func knownColumns(of mapping: CSVMapping, in header: [String]) -> [CSVField] {
        mapping.fields(for: header).compactMap { $0 }
    }

    /// The error for a header that matches no layout, when no mapping was given.
    static func unknown(in file: String, line: Int) -> FormatError {
        FormatError(
            "the header matches no known layout (Google Contacts, Outlook in English, Outlook in French)",
            at: SourceLocation(file: file, line: line),
            fix: "Export again in one of these layouts, or pass a mapping file: one 'column = field' line per "
                + "column, such as 'Courriel = email.work' or 'Portable = phone.mobile'")
    }
}

extension CSVField {
    /// Whether the field alone is enough to tell who a row is about.
    var identifies: Bool {
        switch self {
        case .fullName, .givenName, .familyName, .organisation, .email, .phone: true
        default: false
        }
    }
}
