/// The store failed: a database error, a migration, a record that does not decode.
///
/// The message names the operation and the database's own error text; statement arguments
/// are never included, because they may be personal data.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case open, migration, statement, constraint, busy, corrupt, decode
    }

    public var code: Code
    public var message: String
    public var fix: String?

    public init(_ code: Code, _ message: String, fix: String? = nil) {
        self.code = code
        self.message = message
        self.fix = fix
    }

    public var description: String { fix.map { "\(message). \($0)" } ?? message }
}
