import EcluseCore
import EcluseCrypto
import EcluseHTTP
import EcluseLogging
import EcluseStore
import Foundation

/// Login and logout.
///
/// The login form has no session to carry a form token yet, so it is protected by a double
/// submit: GET /login sets a random token in a cookie and in the form, and POST /login
/// accepts only a form whose token matches its cookie.
extension WebApp {
    static let loginCookie = "ecluse-login"

    /// Compared against when the login is unknown, so that an unknown login costs the same
    /// scrypt time as a wrong password and cannot be told apart by timing.
    private static let decoyHash = PasswordHash.make(password: Hex.encode(SecureRandom.bytes(16)))

    func loginPage(_ context: WebContext) throws -> Response {
        if context.session != nil { return .seeOther("/") }
        let token = Hex.encode(SecureRandom.bytes(32))
        var response = loginForm(token: token, login: "", message: nil, status: 200, t: context.t)
        response.headers.add(
            "Set-Cookie", Cookies.header(name: Self.loginCookie, value: token, secure: sessions.secureCookies))
        return response
    }

    func logIn(_ context: WebContext) throws -> Response {
        let t = context.t
        // The gate has checked the form's token against the login cookie.
        let token = Cookies.value(Self.loginCookie, in: context.request) ?? ""
        let login = (context.form["login"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = context.form["password"] ?? ""
        let client = clientAddress(of: context.request)
        let now = clock.now()

        if let until = throttle.refusedUntil(login: login, client: client, at: now) {
            logger.notice("login refused: too many failed attempts", metadata: ["login": .sensitive(login)])
            var response = loginForm(
                token: token, login: login, message: t("Too many failed attempts. Try again in a few minutes."),
                status: 429, t: t)
            response.headers.set("Retry-After", String(max(1, Int(until.timeIntervalSince(now).rounded(.up)))))
            return response
        }
        let account = try store.use { try $0.account(login: login) }
        let verified = (account?.passwordHash ?? Self.decoyHash).verifies(password)
        guard let account, verified else {
            throttle.recordFailure(login: login, client: client, at: now)
            logger.notice("login failed", metadata: ["login": .sensitive(login)])
            return loginForm(
                token: token, login: login, message: t("The login or the password is wrong."), status: 401, t: t)
        }

        throttle.recordSuccess(login: login)
        let (_, cookie) = try sessions.start(for: account)
        logger.info("login", metadata: ["login": .sensitive(login), "role": .plain(account.role.rawValue)])
        var response = Response.seeOther("/")
        response.headers.add("Set-Cookie", cookie)
        response.headers.add(
            "Set-Cookie", Cookies.header(name: Self.loginCookie, value: "", secure: sessions.secureCookies, maxAge: 0))
        return response
    }

    func logOut(_ context: WebContext) throws -> Response {
        let cookie = try sessions.end(try context.user)
        var response = Response.seeOther("/login")
        response.headers.add("Set-Cookie", cookie)
        return response
    }

    func home(_ context: WebContext) throws -> Response {
        try context.user.role == .sales ? .seeOther("/contacts") : .seeOther("/dpo")
    }

    private func loginForm(token: String, login: String, message: String?, status: Int, t: Strings) -> Response {
        let error = message.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        let body = """
            \(error)
            <form method="post" action="/login">
            <input type="hidden" name="csrf" value="\(HTML.escape(token))">
            <label for="login">\(t("Login"))</label>
            <input type="text" id="login" name="login" value="\(HTML.escape(login))" autocomplete="username"
             autocapitalize="none" required>
            <label for="password">\(t("Password"))</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required>
            <div class="actions"><button type="submit">\(t("Log in"))</button></div>
            </form>
            """
        return Page(title: t("Log in"), body: body, session: nil, strings: t, status: status).response
    }
}
