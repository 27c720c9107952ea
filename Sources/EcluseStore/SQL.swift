/// A statement whose interpolated values become bind parameters, never SQL text.
///
/// `"SELECT * FROM contacts WHERE id = \(id)"` binds `id`; the only way to splice text into
/// the statement is `\(unsafeSQL: name)`, which says what it does. SQLite and PostgreSQL
/// stores share this type; each renders placeholders its own way.
public struct SQL: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The statement with `SQL.marker` where each value goes. Backends turn the markers
    /// into their own placeholders once per statement text, when they prepare it, so a
    /// statement run a million times is rendered a million times only as cheap appends.
    public private(set) var template: String
    public private(set) var values: [SQLValue]

    /// Stands for a value in `template`; a control character no SQL text of ours contains.
    public static let marker: Character = "\u{1}"

    public init(stringLiteral value: String) {
        template = value
        values = []
    }

    public init(stringInterpolation: StringInterpolation) {
        template = stringInterpolation.template
        values = stringInterpolation.values
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var template = ""
        var values: [SQLValue] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            template.reserveCapacity(literalCapacity + interpolationCount)
            values.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { template += literal }

        public mutating func appendInterpolation(_ value: some SQLConvertible) {
            template.append(SQL.marker)
            values.append(value.sqlValue)
        }

        public mutating func appendInterpolation(_ value: (some SQLConvertible)?) {
            template.append(SQL.marker)
            values.append(value?.sqlValue ?? .null)
        }

        /// Splices raw text into the statement: only for names the code itself chose.
        public mutating func appendInterpolation(unsafeSQL text: String) { template += text }
    }

    /// Two statements' text and values one after the other, to build a statement whose shape
    /// depends on the data (a multi-row insert).
    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var joined = lhs
        joined.append(rhs)
        return joined
    }

    /// `parts` joined by `separator`, in time linear in their length.
    public static func joined(_ parts: [SQL], separator: SQL) -> SQL {
        var joined: SQL = ""
        joined.values.reserveCapacity(parts.reduce(0) { $0 + $1.values.count + separator.values.count })
        for (index, part) in parts.enumerated() {
            if index > 0 { joined.append(separator) }
            joined.append(part)
        }
        return joined
    }

    /// Appends another statement's text and values in place.
    private mutating func append(_ other: SQL) {
        template += other.template
        values += other.values
    }

    /// The statement text with `placeholder(n)` (1-based) in place of each value.
    public func text(placeholder: (Int) -> String) -> String {
        var text = ""
        var count = 0
        for character in template {
            if character == SQL.marker {
                count += 1
                text += placeholder(count)
            } else {
                text.append(character)
            }
        }
        return text
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
