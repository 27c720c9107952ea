import EcluseHTTP

/// The problems the API answers with. Each detail names a parameter or a rule, never a value
/// the client sent, so no personal data comes back in an error.
enum APIProblems {
    static let unauthorized = HTTPProblem(
        401, detail: "give a valid API token as `Authorization: Bearer TOKEN` (see `ecluse token add`)",
        headers: ["WWW-Authenticate": "Bearer realm=\"ecluse\""])

    static let forbidden = HTTPProblem(403, detail: "the account's role may not use this route")

    static func badParameter(_ name: String, _ rule: String) -> HTTPProblem {
        HTTPProblem(400, detail: "the parameter `\(name)` \(rule)")
    }

    static func unprocessable(_ detail: String) -> HTTPProblem {
        HTTPProblem(422, detail: detail)
    }

    static func notFound(_ what: String) -> HTTPProblem {
        HTTPProblem(404, detail: "no \(what) has this id, or it is not yours to see")
    }
}
