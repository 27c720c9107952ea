import EcluseCore
import EcluseHTTP
import EcluseLedger
import EcluseLogging
import EcluseStore
import Foundation

/// The web pages: login, a salesperson's contacts, downloads and QR codes, the phone's
/// attestation, and the DPO's view of the destinations.
///
/// `addRoutes(to:)` puts every route of `routes` on a `Router`, each behind the same gate:
/// the session, the role, and the form token on every POST. Pages are plain HTML with one
/// stylesheet and no script.
public struct WebApp: Sendable {
    /// What the web app needs from the process that serves it.
    public struct Configuration: Sendable {
        public var storePath: String
        /// The policy in force, read at each request (a server that reloads its policy file
        /// passes the reloaded one).
        public var policy: @Sendable () throws -> PolicySnapshot
        /// TLS ends at a front: cookies are then `Secure`.
        public var behindTLS: Bool
        public var clock: any Clock

        public init(
            storePath: String, policy: @escaping @Sendable () throws -> PolicySnapshot, behindTLS: Bool,
            clock: any Clock
        ) {
            self.storePath = storePath
            self.policy = policy
            self.behindTLS = behindTLS
            self.clock = clock
        }
    }

    let policies: PolicySource
    let clock: any Clock
    let logger: Logger
    let store: StoreAccess
    let sessions: SessionManager
    let throttle: LoginThrottle
    let behindTLS: Bool

    /// Opens the store and reads the policy once; throws when either fails.
    public init(configuration: Configuration, logger: Logger) throws {
        policies = PolicySource(configuration.policy)
        clock = configuration.clock
        self.logger = logger
        store = try StoreAccess(path: configuration.storePath)
        sessions = SessionManager(store: store, clock: clock, secureCookies: configuration.behindTLS)
        throttle = LoginThrottle()
        behindTLS = configuration.behindTLS
        _ = try policies.current(recordingIn: store, at: clock.now())
    }

    /// Adds every route of the web app to `router`.
    public func addRoutes(to router: inout Router) {
        for route in Self.routes {
            router.add(route.method, route.template) { request in try handle(request, route) }
        }
    }

    /// Closes the store; call after the server stopped.
    public func close() { store.close() }

    /// The gate every route passes: session, role, form token; then the handler.
    ///
    /// Every POST must carry a form token: the session's on a route for roles, the login
    /// cookie's (a double submit, see `LoginPages.swift`) on a route for anyone.
    func handle(_ request: Request, _ route: WebRoute) throws -> Response {
        let session = try sessions.session(for: request)
        let form = request.method == "POST" ? FormData(request.body) : FormData([])
        let t = Strings(language: Language.preferred(by: request))
        let policy = try policies.current(recordingIn: store, at: clock.now())
        if case .roles(let roles) = route.access {
            guard let session else {
                let isPage = request.method == "GET" || request.method == "HEAD"
                return isPage ? .seeOther("/login") : refusal(403, t("Log in first."), nil, t)
            }
            guard roles.contains(session.role) else {
                return refusal(403, t("Your role does not give access to this page."), session, t)
            }
            if request.method == "POST", !ConstantTime.equal(form["csrf"] ?? "", session.csrfToken) {
                logger.notice("a form came without its session's token", metadata: ["route": .plain(route.template)])
                return refusal(403, t("This form has expired. Go back, reload the page and try again."), session, t)
            }
        } else if request.method == "POST" {
            let token = Cookies.value(Self.loginCookie, in: request) ?? ""
            guard !token.isEmpty, ConstantTime.equal(form["csrf"] ?? "", token) else {
                logger.notice("a form came without its cookie's token", metadata: ["route": .plain(route.template)])
                return refusal(403, t("This form has expired. Reload the login page and try again."), nil, t)
            }
        }
        do {
            return try route.handler(self, WebContext(request: request, session: session, form: form, policy: policy))
        } catch let refused as WebRefusal {
            return refusal(refused.status, t(refused.message), session, t)
        }
    }

    /// The client's address for login throttling.
    ///
    /// Behind a TLS front every connection comes from the front itself, so there the address
    /// the front puts in `X-Real-IP` is used, but only on a connection from loopback, where
    /// the front runs (docs/web.md shows the nginx line). Elsewhere the header is ignored: a
    /// client could set it to escape the limit.
    func clientAddress(of request: Request) -> String {
        let remote = request.remoteAddress ?? "unknown"
        guard behindTLS, remote == "127.0.0.1" || remote == "::1", let real = request.headers["X-Real-IP"],
            !real.isEmpty, real.utf8.count <= 64
        else { return remote }
        return real
    }

    /// A page that says why the request was refused, and nothing about any record.
    func refusal(_ status: Int, _ message: String, _ session: Session?, _ t: Strings) -> Response {
        let title = t(status == 404 ? "Not found" : HTTPStatus.reason(status))
        let body = "<p class=\"error\">\(HTML.escape(message))</p>"
        return Page(title: title, body: body, session: session, strings: t, status: status).response
    }
}
