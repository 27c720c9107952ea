import Foundation

/// Where a command's results go: standard output as text or JSON, progress on a terminal.
///
/// Progress lines are drawn on standard error only when it is a terminal, so a piped or
/// logged run stays quiet.
final class Output {
    let json: Bool
    private let showsProgress: Bool
    private(set) var printed = ""
    private let capture: Bool

    init(json: Bool, showsProgress: Bool, capture: Bool = false) {
        self.json = json
        self.showsProgress = showsProgress
        self.capture = capture
    }

    func line(_ text: String = "") {
        if capture { printed += text + "\n" } else { print(text) }
    }

    /// Hands what was printed to the file or pipe now, for a command that runs for hours
    /// (`ecluse run`). Every stream is flushed: `stdout` is not reachable from Swift 6 safely.
    func flush() {
        if !capture { fflush(nil) }
    }

    /// Writes `value` as pretty, key-sorted JSON on standard output.
    func emit(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Draws "label done/total" over the previous progress line.
    func progress(_ label: String, done: Int, total: Int) {
        guard showsProgress, total > 0 else { return }
        let percent = done * 100 / total
        FileHandle.standardError.write(Data("\r\(label) \(done)/\(total) (\(percent)%)\u{1b}[K".utf8))
        if done >= total { FileHandle.standardError.write(Data("\r\u{1b}[K".utf8)) }
    }
}
