import EcluseCore
import Foundation

/// One content line after unfolding, with the physical line it started on.
struct ICalLine: Sendable {
    var text: String
    var line: Int

    /// The property name, uppercased: what stands before the first `;` or `:`.
    var name: String {
        String(text.prefix { $0 != ";" && $0 != ":" }).uppercased()
    }
}

/// A component found in the raw text, with its lines from BEGIN to END included.
struct ICalBlock: Sendable {
    var kind: String
    var beginLine: Int
    var lines: [ICalLine]

    var text: String { lines.map(\.text).joined(separator: "\r\n") + "\r\n" }
}

/// Splits raw iCalendar bytes into components by BEGIN/END lines, before libical sees them.
///
/// libical is lenient about structure and reports no line numbers, so the structure is checked
/// here (RFC 5545 §3.4, §3.6) and each VEVENT and VTIMEZONE is handed to libical on its own:
/// a broken event cannot take its neighbours down with it. One pass over the input.
struct ICalScanner {
    var file: String
    private(set) var events: [ICalBlock] = []
    private(set) var timeZones: [ICalBlock] = []
    private(set) var errors: [FormatError] = []
    private var stack: [ICalBlock] = []
    private var sawCalendar = false

    init(file: String) { self.file = file }

    mutating func scan(_ bytes: [UInt8]) {
        let lines = Self.unfold(bytes)
        for line in lines { take(line) }
        for open in stack.reversed() { errors.append(unterminated(open)) }
        stack = []
        if !sawCalendar {
            errors.append(
                FormatError(
                    "no BEGIN:VCALENDAR: this is not an iCalendar file",
                    at: SourceLocation(file: file, line: lines.first?.line ?? 1),
                    fix: "Export the calendar again as .ics, or check that the right file was chosen"))
        }
    }

    private mutating func take(_ line: ICalLine) {
        let marker = Self.marker(line)
        switch marker {
        case .begin(let kind):
            if kind == "VCALENDAR" { sawCalendar = true }
            stack.append(ICalBlock(kind: kind, beginLine: line.line, lines: [line]))
        case .end(let kind):
            guard stack.contains(where: { $0.kind == kind }) else {
                errors.append(
                    FormatError(
                        "END:\(kind) without a matching BEGIN:\(kind)", at: location(line.line),
                        fix: "Add BEGIN:\(kind) where the component starts, or remove this line"))
                return
            }
            while let open = stack.popLast() {
                guard open.kind == kind else {
                    errors.append(unterminated(open))
                    continue
                }
                close(open, with: line)
                return
            }
        case .content:
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].lines.append(line)
        }
    }

    private mutating func close(_ block: ICalBlock, with end: ICalLine) {
        var block = block
        block.lines.append(end)
        // Only components inside a VCALENDAR are read: a file without one is refused whole.
        guard let parent = stack.indices.last else { return }
        stack[parent].lines.append(contentsOf: block.lines)
        guard stack[parent].kind == "VCALENDAR" else { return }
        switch block.kind {
        case "VEVENT": events.append(block)
        case "VTIMEZONE": timeZones.append(block)
        default: return
        }
    }

    private func unterminated(_ block: ICalBlock) -> FormatError {
        FormatError(
            "\(block.kind) has no END:\(block.kind)", at: location(block.beginLine),
            fix: "Add END:\(block.kind) where the component ends, or check that the file was not cut short")
    }

    private func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

    private enum Marker { case begin(String), end(String), content }

    private static func marker(_ line: ICalLine) -> Marker {
        guard line.text.utf8.count <= 40 else { return .content }
        let parts = line.text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return .content }
        let kind = parts[1].trimmingCharacters(in: .whitespaces).uppercased()
        switch parts[0].trimmingCharacters(in: .whitespaces).uppercased() {
        case "BEGIN": return .begin(kind)
        case "END": return .end(kind)
        default: return .content
        }
    }

    /// Content lines with folds removed (RFC 5545 §3.1); CRLF, LF and a lone CR all end a line.
    static func unfold(_ bytes: [UInt8]) -> [ICalLine] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var physical: [(bytes: ArraySlice<UInt8>, line: Int)] = []
        var start = body.startIndex
        var index = body.startIndex
        var number = 1
        while index < body.endIndex {
            let byte = body[index]
            guard byte == 0x0A || byte == 0x0D else {
                index += 1
                continue
            }
            physical.append((body[start..<index], number))
            number += 1
            index += (byte == 0x0D && index + 1 < body.endIndex && body[index + 1] == 0x0A) ? 2 : 1
            start = index
        }
        if start < body.endIndex { physical.append((body[start..<body.endIndex], number)) }

        var logical: [(bytes: [UInt8], line: Int)] = []
        for (raw, line) in physical {
            if let first = raw.first, first == 0x20 || first == 0x09, !logical.isEmpty {
                logical[logical.count - 1].bytes.append(contentsOf: raw.dropFirst())
            } else if !raw.isEmpty {
                logical.append((Array(raw), line))
            }
        }
        return logical.map { ICalLine(text: String(decoding: $0.bytes, as: UTF8.self), line: $0.line) }
    }
}
