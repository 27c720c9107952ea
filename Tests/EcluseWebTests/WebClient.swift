import EcluseConnectors
import Foundation

/// An HTTP client that keeps cookies and reads form tokens, as a browser would, over the
/// project's libcurl client. It follows no redirect: tests check each 303 themselves.
final class WebClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    let baseURL: String
    private(set) var cookies: [String: String] = [:]
    /// The form token of the last page read that had one.
    private(set) var csrf: String?
    /// Sent with every request, as a front such as nginx would add them.
    var extraHeaders: [String: String] = [:]

    init(baseURL: String, cookies: [String: String] = [:]) {
        self.baseURL = baseURL
        self.cookies = cookies
    }

    @discardableResult
    func get(_ path: String) throws -> HTTPResponse {
        try send(HTTPRequest(.get, url: baseURL + path, headers: headers()))
    }

    /// POSTs `fields`, form-encoded; the last token read is added unless `csrf` says otherwise.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf token: String? = nil, withToken: Bool = true)
        throws -> HTTPResponse
    {
        var all = fields
        if withToken, let value = token ?? csrf { all.append(("csrf", value)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = headers()
        headers.set("Content-Type", "application/x-www-form-urlencoded")
        return try send(HTTPRequest(.post, url: baseURL + path, headers: headers, body: Array(body.utf8)))
    }

    /// Reads the login page (for its token) and posts the login form.
    @discardableResult
    func logIn(_ login: String, password: String) throws -> HTTPResponse {
        try get("/login")
        return try post("/login", [("login", login), ("password", password)])
    }

    /// The session cookie's name and value, for handing to a browser.
    var sessionCookie: (name: String, value: String)? {
        cookies.first { $0.key.hasSuffix("ecluse-session") }.map { ($0.key, $0.value) }
    }

    private func headers() -> HTTPHeaders {
        var headers: HTTPHeaders = [:]
        for (name, value) in extraHeaders { headers.set(name, value) }
        if !cookies.isEmpty {
            headers.set("Cookie", cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "))
        }
        return headers
    }

    private func send(_ request: HTTPRequest) throws -> HTTPResponse {
        let response = try HTTPClient(configuration: .init(timeout: .seconds(20))).send(request)
        for header in response.headers.values("Set-Cookie") {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(decoding: response.body, as: UTF8.self)
        if let range = text.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression) {
            csrf = String(text[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
        }
        return response
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}
