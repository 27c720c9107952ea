/// Splits UTF-8 text into CSV records, one at a time (RFC 4180 section 2, read leniently).
///
/// Each record keeps the physical line it starts on. A line break inside a quoted field
/// (CRLF, LF or CR) is kept as a single LF. A quote inside an unquoted field is kept as
/// text, as Excel does. Every step consumes at least one byte, so any input ends.
struct CSVRecordScanner {
    private let bytes: [UInt8]
    private let delimiter: UInt8
    private var index = 0
    private var line = 1

    init(_ bytes: [UInt8], delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
    }

    /// The next record, or nil at the end of the text.
    mutating func next() -> CSVRecord? {
        guard index < bytes.count else { return nil }
        var record = CSVRecord(line: line)
        var cell: [UInt8] = []
        var quoted = false

        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                quoted = consumeQuoted(byte, into: &cell)
                continue
            }
            switch byte {
            case delimiter:
                record.cells.append(String(decoding: cell, as: UTF8.self))
                cell = []
                index += 1
            case Ascii.quote where cell.allSatisfy { $0 == Ascii.space }:
                cell = []
                quoted = true
                index += 1
            case Ascii.carriageReturn, Ascii.lineFeed:
                consumeLineBreak()
                record.cells.append(String(decoding: cell, as: UTF8.self))
                return record
            default:
                cell.append(byte)
                index += 1
            }
        }
        record.cells.append(String(decoding: cell, as: UTF8.self))
        record.isUnterminated = quoted
        return record
    }

    /// Reads one byte inside quotes; returns whether the field is still quoted.
    private mutating func consumeQuoted(_ byte: UInt8, into cell: inout [UInt8]) -> Bool {
        switch byte {
        case Ascii.quote where index + 1 < bytes.count && bytes[index + 1] == Ascii.quote:
            cell.append(Ascii.quote)
            index += 2
        case Ascii.quote:
            index += 1
            return false
        case Ascii.carriageReturn, Ascii.lineFeed:
            consumeLineBreak()
            cell.append(Ascii.lineFeed)
        default:
            cell.append(byte)
            index += 1
        }
        return true
    }

    /// Steps over CRLF, LF or CR and counts one physical line.
    private mutating func consumeLineBreak() {
        let isCRLF =
            bytes[index] == Ascii.carriageReturn && index + 1 < bytes.count
            && bytes[index + 1] == Ascii.lineFeed
        index += isCRLF ? 2 : 1
        line += 1
    }
}

/// One record as scanned: its cells and the physical line it starts on.
struct CSVRecord {
    var line: Int
    var cells: [String] = []
    /// A quoted field was still open at the end of the file.
    var isUnterminated = false

    /// A line with nothing on it, such as the empty line after the last line break.
    var isBlank: Bool { cells.count == 1 && cells[0].isEmpty && !isUnterminated }
}
