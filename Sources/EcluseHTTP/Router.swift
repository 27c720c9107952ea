/// What answers a request: a function of the request, which may throw `HTTPProblem`.
///
/// Handlers run on a dispatch queue of their own, not on Swift's cooperative pool: they may
/// block (SQLite, a file) without starving other work, and a caller blocked on the cooperative
/// pool cannot starve them.
public typealias Handler = @Sendable (Request) throws -> Response

/// Finds the handler for a method and a path.
///
/// Routes are tried in the order they were added. A path that matches a route with another
/// method is a 405 with the methods it does take in `Allow` (RFC 9110 §15.5.6); a path that
/// matches nothing is a 404. A GET route answers HEAD too (the library drops the body).
public struct Router: Sendable {
    struct Route: Sendable {
        var method: String
        var template: RouteTemplate
        var handler: Handler
    }

    /// The outcome of a lookup: a handler with its route and parameters, or the problem to answer.
    enum Match {
        case found(Handler, route: String, parameters: [String: String])
        case problem(HTTPProblem)
    }

    private var routes: [Route] = []

    public init() {}

    /// Adds `handler` for `method` on the paths matching `template`.
    public mutating func add(_ method: String, _ template: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method.uppercased(), template: RouteTemplate(template), handler: handler))
    }

    public mutating func get(_ template: String, _ handler: @escaping Handler) {
        add("GET", template, handler)
    }

    public mutating func post(_ template: String, _ handler: @escaping Handler) {
        add("POST", template, handler)
    }

    func match(method: String, path: String) -> Match {
        var allowed: [String] = []
        let parts = RouteTemplate.segments(of: path)
        for route in routes {
            guard let parameters = route.template.match(segments: parts) else { continue }
            if route.method == method || (method == "HEAD" && route.method == "GET") {
                return .found(route.handler, route: route.template.description, parameters: parameters)
            }
            allowed.append(route.method)
            if route.method == "GET" { allowed.append("HEAD") }
        }
        guard !allowed.isEmpty else { return .problem(.notFound) }
        var unique: [String] = []
        for method in allowed where !unique.contains(method) { unique.append(method) }
        return .problem(.methodNotAllowed(allowed: unique))
    }
}
