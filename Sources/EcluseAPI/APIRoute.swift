import EcluseCore
import EcluseHTTP

/// One route of the API: its method, path template, the roles allowed, and how it is described
/// in the OpenAPI document.
public struct APIRoute: Sendable {
    public typealias Handler = @Sendable (Request, APICaller) throws -> Response

    public var method: String
    public var template: String
    /// The roles that may call it; empty for a public route (the OpenAPI document).
    public var roles: Set<Account.Role>
    var operation: OpenAPIOperation
    var handler: Handler

    init(
        _ method: String, _ template: String, roles: Set<Account.Role>, _ operation: OpenAPIOperation,
        handler: @escaping Handler
    ) {
        self.method = method
        self.template = template
        self.roles = roles
        self.operation = operation
        self.handler = handler
    }

    public var isPublic: Bool { roles.isEmpty }
}
