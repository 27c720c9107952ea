import Foundation

/// One request as the test proxy (`scripts/fault-proxy.py`) or the test DAV server
/// (`scripts/dav-mock.py`) logged it: a line `number METHOD depth=D report=R hrefs=N fault`.
public struct LoggedRequest: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    /// The Depth header, or nil when there was none.
    public var depth: String?
    /// A REPORT's root element (`sync-collection`, `addressbook-multiget`…), else nil.
    public var report: String?
    /// How many hrefs a REPORT named.
    public var hrefs: Int

    public var description: String { "\(method) depth=\(depth ?? "-") report=\(report ?? "-") hrefs=\(hrefs)" }

    /// Whether this is a PROPFIND of a collection's members.
    public var listsMembers: Bool { method == "PROPFIND" && depth == "1" }

    /// The requests logged in `file`, in order; lines of another shape are skipped.
    static func read(_ file: URL) -> [LoggedRequest] {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ").map(String.init)
            guard words.count == 6 else { return nil }
            func value(_ word: String) -> String? {
                let value = word.split(separator: "=", maxSplits: 1).last.map(String.init)
                return value == "-" ? nil : value
            }
            return LoggedRequest(
                method: words[1], depth: value(words[2]), report: value(words[3]),
                hrefs: Int(value(words[4]) ?? "") ?? 0)
        }
    }
}
