import Foundation

/// A request that got no HTTP answer: the client could not be set up, or the transfer failed.
///
/// An HTTP status, even 500, is an answer and comes back as an `HTTPResponse`. The description
/// names the method, the URL without user information or query, and libcurl's message; never
/// the credentials or a body.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// libcurl could not be initialised or refused an option.
        case setup
        /// The URL is not an http or https URL.
        case invalidURL = "invalid-url"
        /// The server could not be resolved or reached, or refused the connection.
        case unreachable
        /// The connect or total timeout passed.
        case timedOut = "timed-out"
        /// The transfer started and failed (connection reset, TLS error, bad framing).
        case transfer
    }

    public var code: Code
    public var method: String
    /// The URL without user information or query, so that it is safe to show.
    public var url: String
    /// libcurl's message for its error code (`curl_easy_strerror`).
    public var message: String
    /// libcurl's numeric `CURLcode`, when the error came from libcurl.
    public var curlCode: Int?

    public init(_ code: Code, method: String, url: String, message: String, curlCode: Int? = nil) {
        self.code = code
        self.method = method
        self.url = Self.redacted(url)
        self.message = message
        self.curlCode = curlCode
    }

    public var description: String {
        var text = "\(method) \(url): \(message)"
        if let curlCode { text += " (curl \(curlCode))" }
        return text
    }

    /// `url` without `user:password@` and without the query, which may carry tokens.
    static func redacted(_ url: String) -> String {
        var text = url
        if let query = text.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            text = String(text[..<query])
        }
        guard let scheme = text.range(of: "://") else { return text }
        let authorityStart = scheme.upperBound
        let authorityEnd = text[authorityStart...].firstIndex(of: "/") ?? text.endIndex
        guard let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") else { return text }
        return String(text[..<authorityStart]) + String(text[text.index(after: at)...])
    }
}
