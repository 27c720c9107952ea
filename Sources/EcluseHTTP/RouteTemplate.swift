/// A path pattern such as `/feeds/{token}.ics` or `/api/v1/contacts/{id}`.
///
/// Each `/`-separated segment is a literal, or one parameter with an optional literal prefix
/// and suffix inside the segment. A parameter matches one non-empty segment, never a `/`.
///
/// Paths arrive decoded by libmicrohttpd, so an encoded `/` (`%2F`) splits a segment; a known
/// gap that Ecluse's ids and tokens, which never hold one, do not meet.
public struct RouteTemplate: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(name: String, prefix: String, suffix: String)
    }

    /// The template as written; logs and metrics name a route by it.
    public let description: String
    let segments: [Segment]

    /// Reads `template`; a malformed one (an unclosed brace, two parameters in one segment) is
    /// a programming error, so it stops the program at start-up rather than failing later.
    public init(_ template: String) {
        precondition(template.hasPrefix("/"), "a route template starts with /: \(template)")
        description = template
        segments = Self.split(template).map { Self.segment($0, in: template) }
    }

    /// The parameters when `path` matches, nil otherwise.
    func match(_ path: String) -> [String: String]? {
        match(segments: Self.split(path))
    }

    /// The parameters when a path already split into `parts` (see `segments(of:)`) matches:
    /// a router splits a request's path once for all its templates.
    func match(segments parts: [Substring]) -> [String: String]? {
        guard parts.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text):
                guard part == text else { return nil }
            case .parameter(let name, let prefix, let suffix):
                guard part.count > prefix.count + suffix.count, part.hasPrefix(prefix), part.hasSuffix(suffix)
                else { return nil }
                values[name] = String(part.dropFirst(prefix.count).dropLast(suffix.count))
            }
        }
        return values
    }

    /// The segments of `path` as templates see them.
    static func segments(of path: String) -> [Substring] { split(path) }

    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 }
    }

    private static func segment(_ text: Substring, in template: String) -> Segment {
        guard let open = text.firstIndex(of: "{") else {
            precondition(!text.contains("}"), "a stray } in the route template \(template)")
            return .literal(String(text))
        }
        guard let close = text[open...].firstIndex(of: "}") else {
            preconditionFailure("an unclosed { in the route template \(template)")
        }
        let name = String(text[text.index(after: open)..<close])
        let suffix = String(text[text.index(after: close)...])
        precondition(!name.isEmpty && !suffix.contains("{"), "one named parameter per segment: \(template)")
        return .parameter(name: name, prefix: String(text[..<open]), suffix: suffix)
    }
}
