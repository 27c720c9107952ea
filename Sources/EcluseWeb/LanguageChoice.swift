import EcluseHTTP

extension WebApp {
    /// `POST /language`: keeps the chosen language in a cookie for a year, whatever the
    /// browser's own preference, and goes back to the home page.
    func chooseLanguage(_ context: WebContext) throws -> Response {
        _ = try context.user
        guard let language = context.form["language"].flatMap(Language.init(rawValue:)) else {
            throw WebRefusal(422, "This language is not offered.")
        }
        let cookie = Cookies.header(
            name: Language.cookie, value: language.rawValue, secure: sessions.secureCookies, maxAge: 365 * 86_400)
        return .seeOther("/", headers: ["Set-Cookie": cookie])
    }
}
