/// One HTTP request as a handler sees it: read whole, its body within the server's limit.
public struct Request: Sendable {
    public var method: String
    /// The path as the client sent it, without the query. It may carry secrets (a feed's
    /// token), so it is never logged; logs name the route template instead.
    public var path: String
    public var queryItems: [QueryItem]
    public var headers: HeaderFields
    public var body: [UInt8]
    /// The client's address as the socket saw it (the nginx front, when there is one).
    public var remoteAddress: String?
    /// The id that every answer carries in `X-Request-Id`, and every log line of the request.
    public var id: String
    /// The route template that matched (`/feeds/{token}.ics`) and the values of its parameters.
    public var route: String
    public var parameters: [String: String]

    public init(
        method: String, path: String, queryItems: [QueryItem] = [], headers: HeaderFields = [:],
        body: [UInt8] = [], remoteAddress: String? = nil, id: String, route: String = "",
        parameters: [String: String] = [:]
    ) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.id = id
        self.route = route
        self.parameters = parameters
    }

    /// The first value of the query parameter `name`, or `nil`.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// Whether the request is for the JSON API, whose errors are problem documents.
    public var isAPI: Bool { path.hasPrefix("/api/") }
}

/// One `name=value` pair of a query string; `value` is nil for a bare `name`.
public struct QueryItem: Sendable, Equatable {
    public var name: String
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}
