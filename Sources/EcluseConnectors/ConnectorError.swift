/// A destination refused, failed or could not be reached.
///
/// The message names the destination and the fix, never a subject's data; `detail` may hold
/// a server's answer and is shown only at debug level.
public struct ConnectorError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case unreachable
        case unauthorized
        case refused
        case conflict
        case invalidConfiguration = "invalid-configuration"
        case io
    }

    public var code: Code
    public var destination: String
    public var message: String
    public var fix: String?
    public var httpStatus: Int?
    /// What the server or the system said; may contain data, so logged at debug level only.
    public var detail: String?

    public init(
        _ code: Code,
        destination: String,
        message: String,
        fix: String? = nil,
        httpStatus: Int? = nil,
        detail: String? = nil
    ) {
        self.code = code
        self.destination = destination
        self.message = message
        self.fix = fix
        self.httpStatus = httpStatus
        self.detail = detail
    }

    public var description: String {
        var text = "\(destination): \(message)"
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        if let fix { text += ". \(fix)" }
        return text
    }
}
