/// A statement whose interpolated values become bind parameters, never SQL text.
///
/// `"SELECT * FROM contacts WHERE id = \(id)"` binds `id`; the only way to splice text into
/// the statement is `\(unsafeSQL: name)`, which says what it does. SQLite and PostgreSQL
/// stores share this type; each renders placeholders its own way.
public struct SQL: Sendable, Hashable, ExpressibleByStringInterpolation {
    public enum Part: Sendable, Hashable {
        case text(String)
        case value(SQLValue)
    }

    public var parts: [Part]

    public init(stringLiteral value: String) { parts = [.text(value)] }

    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }

        public mutating func appendInterpolation(_ value: some SQLConvertible) { parts.append(.value(value.sqlValue)) }

        public mutating func appendInterpolation(_ value: (some SQLConvertible)?) {
            parts.append(.value(value?.sqlValue ?? .null))
        }

        /// Splices raw text into the statement: only for names the code itself chose.
        public mutating func appendInterpolation(unsafeSQL text: String) { parts.append(.text(text)) }
    }

    /// The statement with `placeholder(n)` (1-based) in place of each value, and the values.
    public func rendered(placeholder: (Int) -> String) -> (text: String, values: [SQLValue]) {
        var text = ""
        var values: [SQLValue] = []
        for part in parts {
            switch part {
            case .text(let chunk): text += chunk
            case .value(let value):
                values.append(value)
                text += placeholder(values.count)
            }
        }
        return (text, values)
    }
}

/// A value SQLite and PostgreSQL both store.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A Swift value that can be bound into a statement.
public protocol SQLConvertible {
    var sqlValue: SQLValue { get }
}

extension String: SQLConvertible {
    public var sqlValue: SQLValue { .text(self) }
}

extension Int: SQLConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int64: SQLConvertible {
    public var sqlValue: SQLValue { .integer(self) }
}

extension Double: SQLConvertible {
    public var sqlValue: SQLValue { .real(self) }
}

extension Bool: SQLConvertible {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension Array: SQLConvertible where Element == UInt8 {
    public var sqlValue: SQLValue { .blob(self) }
}
