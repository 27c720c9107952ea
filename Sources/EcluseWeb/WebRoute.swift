import EcluseCore
import EcluseHTTP

/// One page or action of the web app, with the roles it admits.
///
/// The table of these (`WebApp.routes`) is the one place that says who may reach what; the
/// security tests walk it, so a route cannot be added without a decision on its roles.
public struct WebRoute: Sendable {
    /// Who may use a route.
    public enum Access: Sendable, Equatable {
        /// Anyone, logged in or not (the login page, the stylesheet).
        case anyone
        /// A logged-in account with one of these roles. Without a session a GET is sent to
        /// /login (303) and anything else is refused (403); with another role, 403.
        case roles(Set<Account.Role>)
    }

    public var method: String
    public var template: String
    public var access: Access
    let handler: @Sendable (WebApp, WebContext) throws -> Response

    init(
        _ method: String, _ template: String, _ access: Access,
        _ handler: @escaping @Sendable (WebApp, WebContext) throws -> Response
    ) {
        self.method = method
        self.template = template
        self.access = access
        self.handler = handler
    }
}

/// What a web handler is given: the request, the session when there is one, the form fields.
struct WebContext {
    var request: Request
    var session: Session?
    var form: FormData
    /// The policy in force for this request.
    var policy: Policy

    /// What the user may see and take under `policy`.
    var lens: ContactLens { ContactLens(policy: policy) }

    /// The words of the page, in the language the browser prefers.
    var t: Strings { Strings(language: Language.preferred(by: request)) }

    /// The session of a route that admits roles only: the dispatcher has checked it is there.
    var user: Session {
        get throws {
            guard let session else { throw HTTPProblem(403) }
            return session
        }
    }
}
