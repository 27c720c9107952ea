import EcluseHTTP
import Foundation

/// Reading the `Cookie` header and writing `Set-Cookie` (RFC 6265).
enum Cookies {
    /// The value of the cookie `name` the request carries, or nil.
    static func value(_ name: String, in request: Request) -> String? {
        guard let header = request.headers["Cookie"] else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0].trimmingCharacters(in: .whitespaces) == name {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// A `Set-Cookie` value for a cookie only the server reads: `HttpOnly`, `SameSite=Lax`,
    /// `Path=/`, and `Secure` behind TLS. Without `maxAge` it lasts as long as the browser's
    /// session; a `maxAge` of 0 removes it.
    static func header(name: String, value: String, secure: Bool, maxAge: Int? = nil) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "HttpOnly", "SameSite=Lax"]
        if secure { parts.append("Secure") }
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        return parts.joined(separator: "; ")
    }
}
