import EcluseCore

/// A problem in an input file: what is wrong, where, and what to do about it.
///
/// Messages name the file, the line and the property, never the value, so that no personal
/// data reaches a log or a terminal by default.
public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    public var fix: String?

    public init(_ message: String, at location: SourceLocation, fix: String? = nil) {
        self.location = location
        self.message = message
        self.fix = fix
    }

    public var description: String {
        fix.map { "\(location): \(message). \($0)" } ?? "\(location): \(message)"
    }
}

/// Something read with a doubt (a derived name, an unknown charset): the record was kept.
public struct FormatWarning: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): warning: \(message)" }
}
