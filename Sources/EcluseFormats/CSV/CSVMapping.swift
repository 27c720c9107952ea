import EcluseCore

/// Which column of a CSV file fills which field of a contact.
///
/// Written by hand for tables that no known layout describes, as one `column = field`
/// line per column (`Courriel = email.work`); `#` starts a comment. A column listed twice
/// maps its first and second occurrences in the header, in order (French Outlook writes
/// `Titre` twice). Columns left out are kept in `extras`, never dropped.
public struct CSVMapping: Sendable, Hashable {
    /// One line of a mapping: a header text and the field its column fills.
    public struct Entry: Sendable, Hashable {
        public var column: String
        public var field: CSVField

        public init(column: String, field: CSVField) {
            self.column = column
            self.field = field
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry]) {
        self.entries = entries
    }

    /// A mapping written as a literal; a column may appear twice.
    public init(columns: KeyValuePairs<String, CSVField>) {
        entries = columns.map { Entry(column: $0.key, field: $0.value) }
    }

    /// Reads a mapping file; throws the first error, naming `file` and the line.
    public init(parsing text: String, file: String) throws(FormatError) {
        var entries: [Entry] = []
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (offset, raw) in lines.enumerated() {
            let line = String(raw).trimmingWhitespace()
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let location = SourceLocation(file: file, line: offset + 1)
            guard let equals = line.lastIndex(of: "=") else {
                throw FormatError(
                    "mapping line has no '='", at: location,
                    fix: "Write one 'column = field' per line, for example 'Courriel = email.work'")
            }
            let column = String(line[..<equals]).trimmingWhitespace()
            let fieldText = String(line[line.index(after: equals)...]).trimmingWhitespace()
            guard !column.isEmpty else {
                throw FormatError(
                    "mapping line names no column before '='", at: location,
                    fix: "Write the column's header text as it appears in the CSV file, then '= field'")
            }
            guard let field = CSVField(parsing: fieldText) else {
                throw FormatError(
                    "mapping line names an unknown field", at: location,
                    fix: "Use one of: \(CSVField.spellings)")
            }
            entries.append(Entry(column: column, field: field))
        }
        self.entries = entries
    }

    /// The field of each header cell, nil for a column the mapping leaves out.
    func fields(for header: [String]) -> [CSVField?] {
        var seen: [String: Int] = [:]
        return header.map { cell in
            let key = Self.normalised(cell)
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            let matches = entries.filter { Self.normalised($0.column) == key }
            return occurrence < matches.count ? matches[occurrence].field : nil
        }
    }

    /// The mapping's columns that `header` does not have.
    func missingColumns(in header: [String]) -> [String] {
        let present = Set(header.map(Self.normalised))
        return entries.map(\.column).filter { !present.contains(Self.normalised($0)) }
    }

    /// Header text compared without case and surrounding spaces.
    static func normalised(_ header: String) -> String {
        header.trimmingWhitespace().lowercased()
    }
}
