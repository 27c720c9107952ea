/// What a handler answers: a status, header fields and the whole body.
///
/// The server adds the request id and the security headers to every response; a handler sets
/// only what is its own (`Content-Type`, `Cache-Control`, an `ETag`).
public struct Response: Sendable {
    public var status: Int
    public var headers: HeaderFields
    public var body: [UInt8]

    public init(status: Int = 200, headers: HeaderFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A UTF-8 text answer.
    public static func text(_ text: String, status: Int = 200) -> Response {
        Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// An answer with `body` already encoded as `contentType`.
    public static func bytes(_ body: [UInt8], contentType: String, status: Int = 200) -> Response {
        Response(status: status, headers: ["Content-Type": contentType], body: body)
    }
}
