import CMicroHTTPD

/// What the server knows of one request while it is read, handled and answered.
///
/// It lives in the connection's context pointer from the access handler's first call to the
/// request-completed callback, which releases it. libmicrohttpd calls both on the thread that
/// owns the connection, so it is confined there and not `Sendable`; only its `PendingAnswer`
/// crosses to other threads.
final class RequestState {
    let id: String
    let method: String
    let path: String
    let headers: HeaderFields
    let queryItems: [QueryItem]
    let remoteAddress: String?
    let started = ContinuousClock.now

    /// The body read so far; never more than the limit.
    private(set) var body: [UInt8] = []
    /// Set once the body passed the limit: the rest is read and dropped, then 413 is answered.
    private(set) var isTooLarge = false

    /// The route template that matched, for logs and metrics; never the raw path.
    var route = "unmatched"
    var answer: PendingAnswer?
    /// The status and body size queued, for the access log once the answer is sent.
    var queued: (status: Int, bytes: Int)?

    init(
        id: String, method: String, path: String, headers: HeaderFields, queryItems: [QueryItem],
        remoteAddress: String?
    ) {
        self.id = id
        self.method = method
        self.path = path
        self.headers = headers
        self.queryItems = queryItems
        self.remoteAddress = remoteAddress
    }

    /// Keeps a piece of the body unless it would pass `limit`.
    func append(_ piece: UnsafeBufferPointer<UInt8>, limit: Int) {
        guard !isTooLarge else { return }
        guard body.count + piece.count <= limit else {
            isTooLarge = true
            body = []
            return
        }
        body.append(contentsOf: piece)
    }

    /// The declared `Content-Length`, when there is one and it is a number.
    var declaredLength: Int? {
        headers["Content-Length"].flatMap { Int($0.trimmingWhitespace()) }
    }

    func request(route: String, parameters: [String: String]) -> Request {
        Request(
            method: method, path: path, queryItems: queryItems, headers: headers, body: body,
            remoteAddress: remoteAddress, id: id, route: route, parameters: parameters)
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> Substring {
        let trimmed = drop { $0 == " " || $0 == "\t" }
        return trimmed.prefix { $0 != " " && $0 != "\t" }
    }
}
