/// A content line after unfolding, with the number of its first physical line.
struct VCardLogicalLine: Sendable {
    var bytes: [UInt8]
    var line: Int
}

/// Turns the bytes of a file into logical content lines.
///
/// Unfolding follows RFC 6350 section 3.2 (and RFC 2425 section 5.8.1): a line break followed
/// by one space or tab is removed together with that one whitespace character. vCard 2.1
/// quoted-printable values also end a physical line with `=` (an RFC 2045 soft break); the next
/// physical line then joins even without leading whitespace. Unfolding works on bytes, before
/// any charset decoding, so that a character split across two lines comes back whole.
enum VCardUnfolder {
    /// The logical lines of `bytes`, numbered from `firstLine` (a piece of a larger file
    /// starts at its own line).
    static func logicalLines(of bytes: [UInt8], firstLine: Int = 1) -> [VCardLogicalLine] {
        var result: [VCardLogicalLine] = []
        var current: [UInt8] = []
        var start = 0
        var isQuotedPrintable = false
        var open = false

        func flush() {
            if open, !current.isEmpty { result.append(VCardLogicalLine(bytes: current, line: start)) }
            current = []
            open = false
        }

        for (index, physical) in physicalLines(of: bytes).enumerated() {
            let pendingSoftBreak = open && isQuotedPrintable && current.last == Ascii.equals
            if pendingSoftBreak, !isEndOfCard(physical) {
                if isFoldInsideEscape(physical) {
                    current.append(contentsOf: physical.dropFirst())
                } else {
                    current.removeLast()
                    current.append(contentsOf: physical)
                }
                continue
            }
            if open, let first = physical.first, first == Ascii.space || first == Ascii.tab {
                current.append(contentsOf: physical.dropFirst())
                continue
            }
            flush()
            guard !physical.isEmpty else { continue }
            current = Array(physical)
            start = index + firstLine
            open = true
            isQuotedPrintable = headerDeclaresQuotedPrintable(current)
        }
        flush()
        return result
    }

    /// Splits on LF, CRLF or a lone CR, dropping the line breaks.
    static func physicalLines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Ascii.lineFeed || byte == Ascii.carriageReturn {
                lines.append(bytes[lineStart..<index])
                // Some exporters end lines with CR CR LF: a run of CRs and one LF is one break.
                index += 1
                if byte == Ascii.carriageReturn {
                    while index < bytes.count, bytes[index] == Ascii.carriageReturn { index += 1 }
                    if index < bytes.count, bytes[index] == Ascii.lineFeed { index += 1 }
                }
                lineStart = index
            } else {
                index += 1
            }
        }
        if lineStart < bytes.count { lines.append(bytes[lineStart..<bytes.count]) }
        return lines
    }

    /// A soft break never swallows the card's end, even when a broken value ends with `=`.
    private static func isEndOfCard(_ physical: ArraySlice<UInt8>) -> Bool {
        String(decoding: physical, as: UTF8.self).trimmingWhitespace().uppercased() == "END:VCARD"
    }

    /// An RFC-style fold that cut an `=XX` escape after its `=`: one whitespace, then two hex digits.
    private static func isFoldInsideEscape(_ physical: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(physical)
        guard bytes.count >= 3, bytes[0] == Ascii.space || bytes[0] == Ascii.tab else { return false }
        return Ascii.isHexDigit(bytes[1]) && Ascii.isHexDigit(bytes[2])
    }

    private static func headerDeclaresQuotedPrintable(_ line: [UInt8]) -> Bool {
        guard let colon = line.firstIndex(of: Ascii.colon) else { return false }
        return Ascii.containsIgnoringCase(line[..<colon], "QUOTED-PRINTABLE")
    }
}
