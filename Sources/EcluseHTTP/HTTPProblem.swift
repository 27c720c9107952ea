/// A failure a handler knows how to name: it becomes the answer's status and a safe body.
///
/// Under `/api/` the body is a problem document (RFC 9457, `application/problem+json`);
/// elsewhere it is plain text. `detail` is shown to the client, so it must carry no personal
/// data: name the field or the rule, never the value. Any other error a handler throws
/// becomes a bare 500 that says nothing but the request id.
public struct HTTPProblem: Error, Sendable, Equatable {
    public var status: Int
    /// A short, fixed summary; the reason phrase of the status by default.
    public var title: String
    public var detail: String?
    /// A URI naming the kind of problem (RFC 9457 §3.1.1); `about:blank` when the status says
    /// it all.
    public var type: String
    /// Header fields the answer must carry, such as `Allow` on a 405.
    public var headers: HeaderFields

    public init(
        _ status: Int, title: String? = nil, detail: String? = nil, type: String = "about:blank",
        headers: HeaderFields = [:]
    ) {
        self.status = status
        self.title = title ?? HTTPStatus.reason(status)
        self.detail = detail
        self.type = type
        self.headers = headers
    }

    public static let notFound = HTTPProblem(404)
    public static let internalError = HTTPProblem(500)

    public static func methodNotAllowed(allowed: [String]) -> HTTPProblem {
        HTTPProblem(405, headers: ["Allow": allowed.joined(separator: ", ")])
    }

    public static func contentTooLarge(limit: Int) -> HTTPProblem {
        HTTPProblem(413, detail: "the request body is larger than \(limit) bytes")
    }
}
