import Foundation
import Synchronization

/// A small structured logger in the shape of swift-log: levels, lazy messages, metadata.
///
/// Loggers are values passed in, never globals; `with(_:_:)` makes a child that carries extra
/// metadata (a run id, a destination). Values marked `.sensitive` are redacted unless the
/// operator asked for them (`--log-personal-data`), so that logs carry no personal data by
/// default (promise 8).
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case trace, debug, info, notice, warning, error

        public var name: String { "\(self)" }

        public init?(name: String) {
            guard let level = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
            self = level
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A metadata value: public, or sensitive (redacted unless personal data is allowed in logs).
    public enum Value: Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
        case plain(String)
        case sensitive(String)

        public init(stringLiteral value: String) { self = .plain(value) }

        public var description: String {
            switch self {
            case .plain(let text): text
            case .sensitive: "<redacted>"
            }
        }
    }

    public var label: String
    public var level: Level
    public var metadata: [String: Value]
    private let sink: LogSink

    public init(label: String, level: Level = .info, sink: LogSink = .standardError) {
        self.label = label
        self.level = level
        self.metadata = [:]
        self.sink = sink
    }

    /// A child logger with one more metadata entry.
    public func with(_ key: String, _ value: Value) -> Logger {
        var child = self
        child.metadata[key] = value
        return child
    }

    public func log(
        _ level: Level,
        _ message: @autoclosure () -> String,
        metadata extra: [String: Value] = [:]
    ) {
        guard level >= self.level else { return }
        let merged = metadata.merging(extra) { _, new in new }
        sink.write(LogRecord(level: level, label: label, message: message(), metadata: merged))
    }

    public func trace(_ message: @autoclosure () -> String, metadata: [String: Value] = [:]) {
        log(.trace, message(), metadata: metadata)
    }

    public func debug(_ message: @autoclosure () -> String, metadata: [String: Value] = [:]) {
        log(.debug, message(), metadata: metadata)
    }

    public func info(_ message: @autoclosure () -> String, metadata: [String: Value] = [:]) {
        log(.info, message(), metadata: metadata)
    }

    public func notice(_ message: @autoclosure () -> String, metadata: [String: Value] = [:]) {
        log(.notice, message(), metadata: metadata)
    }

    public func warning(_ message: @autoclosure () -> String, metadata: [String: Value] = [:]) {
        log(.warning, message(), metadata: metadata)
    }

    public func error(_ message: @autoclosure () -> String, metadata: [String: Value] = [:]) {
        log(.error, message(), metadata: metadata)
    }
}

/// One log event, before it is formatted.
public struct LogRecord: Sendable {
    public var level: Logger.Level
    public var label: String
    public var message: String
    public var metadata: [String: Logger.Value]
}
