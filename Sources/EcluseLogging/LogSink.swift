import Foundation
import Synchronization

/// Where log records go: standard error, or a buffer that tests read.
public final class LogSink: Sendable {
    private let lines = Mutex<[String]>([])
    private let toStandardError: Bool
    private let revealSensitive: Bool

    /// Writes to standard error; `revealSensitive` shows redacted values (debugging only).
    public init(toStandardError: Bool = true, revealSensitive: Bool = false) {
        self.toStandardError = toStandardError
        self.revealSensitive = revealSensitive
    }

    public static let standardError = LogSink()

    /// A sink that keeps lines in memory, for tests.
    public static func capturing() -> LogSink { LogSink(toStandardError: false) }

    /// The lines written so far (capturing sinks only).
    public var captured: [String] { lines.withLock { $0 } }

    func write(_ record: LogRecord) {
        let line = format(record)
        if toStandardError {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } else {
            lines.withLock { $0.append(line) }
        }
    }

    private func format(_ record: LogRecord) -> String {
        let stamp = ISO8601DateFormatter.string(
            from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        var line = "\(stamp) \(record.level.name) \(record.label): \(record.message)"
        for key in record.metadata.keys.sorted() {
            guard let value = record.metadata[key] else { continue }
            line += " \(key)=\(render(value))"
        }
        return line
    }

    private func render(_ value: Logger.Value) -> String {
        switch value {
        case .plain(let text): text
        case .sensitive(let text): revealSensitive ? text : "<redacted>"
        }
    }
}
