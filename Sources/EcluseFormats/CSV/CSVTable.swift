import EcluseCore

/// A CSV file read into a header and rows of text, before any meaning is given to them.
///
/// Reading never stops at a bad row: a row whose field count differs from the header's,
/// or a quoted field left open at the end of the file, becomes an error naming its line,
/// and the other rows are kept. Errors never quote a cell, since cells are personal data.
public struct CSVTable: Sendable {
    /// The first non-blank row.
    public var header: CSVRow?
    /// The rows after the header that have as many fields as the header.
    public var rows: [CSVRow]
    public var delimiter: CSVDelimiter
    public var encoding: CSVEncoding
    public var errors: [FormatError]

    /// Reads `bytes`, detecting the encoding and the delimiter; `file` names the errors' location.
    public init(parsing bytes: [UInt8], file: String) {
        let (encoding, text) = CSVEncoding.transcode(bytes)
        let delimiter = CSVDelimiter.detect(in: text)
        self.encoding = encoding
        self.delimiter = delimiter
        self.header = nil
        self.rows = []
        self.errors = []

        var scanner = CSVRecordScanner(text, delimiter: delimiter.byte)
        while let record = scanner.next() {
            guard !record.isBlank else { continue }
            let location = SourceLocation(file: file, line: record.line)
            guard !record.isUnterminated else {
                errors.append(Self.unterminated(at: location))
                continue
            }
            let row = CSVRow(line: record.line, cells: record.cells)
            guard let header else {
                self.header = row
                continue
            }
            guard row.cells.count == header.cells.count else {
                errors.append(Self.ragged(row, header: header, delimiter: delimiter, at: location))
                continue
            }
            rows.append(row)
        }
    }

    private static func unterminated(at location: SourceLocation) -> FormatError {
        FormatError(
            "a quoted field that starts in this row is never closed; the rest of the file was not read",
            at: location,
            fix: "Add the missing closing quote, or double the quotes inside the field (\"\")")
    }

    private static func ragged(
        _ row: CSVRow, header: CSVRow, delimiter: CSVDelimiter, at location: SourceLocation
    ) -> FormatError {
        let name = delimiter == .tab ? "tab" : "'\(delimiter.rawValue)'"
        return FormatError(
            "row has \(row.cells.count) fields where the header has \(header.cells.count); the row was not imported",
            at: location,
            fix: "Put quotes around fields that contain \(name), or add the missing fields")
    }
}

/// One row of a CSV file: its cells and the physical line it starts on (1-based).
public struct CSVRow: Sendable, Hashable {
    public var line: Int
    public var cells: [String]

    public init(line: Int, cells: [String]) {
        self.line = line
        self.cells = cells
    }
}
