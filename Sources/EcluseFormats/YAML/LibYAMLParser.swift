import CYAML
import EcluseCore

/// libyaml's event parser over its own copy of the input, freed in `deinit`.
///
/// Not Sendable on purpose: the parser is mutable C state that one reader drives at a time.
final class LibYAMLParser {
    private typealias Parser = UnsafeMutablePointer<yaml_parser_t>

    private let parser: Parser
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let file: String

    /// Starts a parser over `bytes`; throws only when libyaml cannot allocate its state.
    init(bytes: [UInt8], file: String) throws(FormatError) {
        let parser = Parser.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            throw FormatError(
                "the YAML parser could not start (out of memory)",
                at: SourceLocation(file: file, line: 1),
                fix: "Free some memory and try again."
            )
        }
        self.parser = parser
        self.file = file

        // libyaml reads the input lazily, so it must outlive every call to `next()`.
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event of the stream; after `.streamEnd` libyaml returns no more events.
    func next() throws(FormatError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw parseError() }
        defer { yaml_event_delete(&event) }

        // libyaml counts lines and columns from 0.
        let mark = event.start_mark
        return YAMLEvent(kind: Self.kind(of: event), line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func kind(of event: yaml_event_t) -> YAMLEvent.Kind {
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_SEQUENCE_START_EVENT:
            return .sequenceStart(anchored: event.data.sequence_start.anchor != nil)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT: return .mappingStart(anchored: event.data.mapping_start.anchor != nil)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        case YAML_ALIAS_EVENT: return .alias
        case YAML_SCALAR_EVENT: return scalar(of: event)
        // YAML_STREAM_END_EVENT, and YAML_NO_EVENT which libyaml sends only after the end.
        default: return .streamEnd
        }
    }

    private static func scalar(of event: yaml_event_t) -> YAMLEvent.Kind {
        let scalar = event.data.scalar
        let bytes = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
        let text = String(decoding: bytes, as: UTF8.self)
        let quoted = scalar.style != YAML_PLAIN_SCALAR_STYLE
        return .scalar(text, quoted: quoted, anchored: scalar.anchor != nil)
    }

    /// libyaml's error, with its problem text and the place it points at.
    private func parseError() -> FormatError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        let context = state.context.map { String(cString: $0) }
        let location = problemLocation(state)
        let contextLine = Int(state.context_mark.line) + 1
        let contextColumn = Int(state.context_mark.column) + 1

        var message = "malformed YAML: \(problem)"
        if let context {
            message += " (\(context) at line \(contextLine), column \(contextColumn))"
        }
        let fix =
            startsWithTab(line: location.line)
            ? "Indent with spaces: YAML does not allow tabs in indentation."
            : Self.fix(problem: problem, context: context, line: contextLine, column: contextColumn)
        return FormatError(message, at: location, fix: fix)
    }

    /// Where the problem is: the reader reports a byte offset, the scanner and parser a mark.
    private func problemLocation(_ state: yaml_parser_t) -> SourceLocation {
        guard state.error == YAML_READER_ERROR else {
            let mark = state.problem_mark
            return SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }
        var line = 1
        var column = 1
        for byte in input.prefix(state.problem_offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Whether the indentation of a 1-based `line` of the input holds a tab.
    ///
    /// libyaml reports a tab in indentation as a character that cannot start a token, which
    /// does not tell a reader what to change.
    private func startsWithTab(line: Int) -> Bool {
        var current = 1
        var atIndent = true
        for byte in input {
            if byte == UInt8(ascii: "\n") {
                if current == line { return false }
                current += 1
                atIndent = true
            } else if current == line, atIndent {
                if byte == UInt8(ascii: "\t") { return true }
                atIndent = byte == UInt8(ascii: " ")
            }
        }
        return false
    }

    /// A next step for the most common mistakes, matched on libyaml's documented problem texts.
    private static func fix(problem: String, context: String?, line: Int, column: Int) -> String {
        if problem.contains("tab") {
            return "Indent with spaces: YAML does not allow tabs in indentation."
        }
        if problem.contains("did not find expected key") {
            return "Line this key up with the keys of the mapping at line \(line), column \(column)."
        }
        if let context, context.contains("quoted scalar") {
            return "Close the quote that opens at line \(line), column \(column)."
        }
        if problem.contains("mapping values are not allowed") {
            return "Line this key up with the keys above it, or quote a value that contains \": \"."
        }
        if problem.contains("UTF-8") || problem.contains("control characters") {
            return "Save the file as UTF-8 text."
        }
        return "Check the indentation (spaces only, each level lined up) and the quotes near this line."
    }
}
