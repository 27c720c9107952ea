import EcluseCore
import Foundation

/// Sending requests and turning answers into `ConnectorError`s, once for the whole connector.
extension DAVConnector {
    /// Sends `request`, again after a timeout, a 5xx or a 429 as `RetrySchedule` says; a
    /// request that never gets an answer throws `.unreachable`.
    func send(_ request: HTTPRequest, while action: String) throws -> HTTPResponse {
        var schedule = RetrySchedule(seed: UInt64(truncatingIfNeeded: request.url.hashValue))
        while true {
            let response: HTTPResponse
            do {
                response = try client.send(request)
            } catch {
                guard case .retry(let wait) = schedule.next(after: .noAnswer) else {
                    throw ConnectorError(
                        .unreachable,
                        destination: collection.description,
                        message: "the server did not answer while \(action)",
                        fix: "Check the setting `url` and that the server is running and reachable",
                        detail: "\(error)"
                    )
                }
                pause(wait)
                continue
            }
            let attempt = RetrySchedule.Attempt.answered(
                status: response.status, retryAfter: response.headers["Retry-After"])
            guard case .retry(let wait) = schedule.next(after: attempt) else { return response }
            pause(wait)
        }
    }

    func parse(_ response: HTTPResponse, while action: String) throws -> Multistatus {
        do {
            return try Multistatus(parsing: response.body)
        } catch {
            throw ConnectorError(
                .refused,
                destination: collection.description,
                message: "the server's answer could not be read while \(action)",
                fix: "Check that `url` points at a CardDAV or CalDAV server",
                httpStatus: response.status,
                detail: "\(error)"
            )
        }
    }

    /// The error for an HTTP answer that was not the one expected. Never includes the body.
    func failure(_ response: HTTPResponse, while action: String) -> ConnectorError {
        let destination = collection.description
        switch response.status {
        case 401, 403:
            return ConnectorError(
                .unauthorized,
                destination: destination,
                message: "the server refused access while \(action)",
                fix: "Check `username` and the password in the variable named by `password-env`",
                httpStatus: response.status
            )
        case 409 where action.hasPrefix("creating the"):
            // RFC 4918 §9.3.1: MKCOL answers 409 when a parent collection is missing.
            return ConnectorError(
                .invalidConfiguration,
                destination: destination,
                message: "the \(noun) cannot be created because its parent collection does not exist",
                fix: "Check the path in `url`; on Radicale the first segment must be the login of `username`",
                httpStatus: response.status
            )
        case 409, 412:
            return ConnectorError(
                .conflict,
                destination: destination,
                message: "the server reported a conflict while \(action)",
                fix: "Run the sync again",
                httpStatus: response.status
            )
        case 404 where action.contains(noun):
            return ConnectorError(
                .invalidConfiguration,
                destination: destination,
                message: "the \(noun)'s parent does not exist while \(action)",
                fix: "Check the path in `url`",
                httpStatus: response.status
            )
        default:
            return ConnectorError(
                .refused,
                destination: destination,
                message: "the server answered with an error while \(action)",
                fix: response.status >= 500 ? "Check the server's own log" : nil,
                httpStatus: response.status
            )
        }
    }

    /// The URL of `href`, which may be a path (the usual case), absolute, or relative.
    func url(of href: String) -> String {
        if href.hasPrefix("http://") || href.hasPrefix("https://") { return href }
        if href.hasPrefix("/") { return origin + href }
        return collectionURL + href
    }

    /// The URL of an item Ecluse may write or delete: inside the collection, on its server.
    ///
    /// Hrefs come from the copies table and from the server's listings; one that points at
    /// another host or outside the collection must never receive a request, since every request
    /// carries the credentials.
    func itemURL(of href: String) throws -> String {
        let resolved = url(of: href)
        let path = self.path(of: resolved)
        let inside =
            resolved.hasPrefix(collectionURL) && !path.contains("/../") && !path.hasSuffix("/..")
            && resolved.count > collectionURL.count
        guard inside else {
            throw ConnectorError(
                .invalidConfiguration, destination: collection.description,
                message: "an item's address is outside the \(noun); no request was sent",
                fix: "the copies table was changed by hand; restore the data folder from a backup")
        }
        return resolved
    }

    /// The path of `href`, so that hrefs written absolute or as paths compare equal.
    func path(of href: String) -> String {
        guard href.hasPrefix("http://") || href.hasPrefix("https://"), let (_, path) = Self.split(href) else {
            return href
        }
        return path
    }

    /// `(origin, path)` of an http or https URL, or `nil`; the query and fragment are dropped.
    static func split(_ url: String) -> (origin: String, path: String)? {
        guard url.hasPrefix("http://") || url.hasPrefix("https://"),
            let scheme = url.range(of: "://")
        else { return nil }
        let rest = url[scheme.upperBound...]
        let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
        guard pathStart != rest.startIndex else { return nil }

        var path = String(rest[pathStart...])
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<end]) }
        return (String(url[..<pathStart]), path.isEmpty ? "/" : path)
    }

    static func isSuccess(_ status: Int) -> Bool { (200..<300).contains(status) }

    static func credentials(
        from settings: [String: String],
        environment: [String: String],
        destination: String
    ) throws -> Credentials? {
        guard let username = settings["username"], !username.isEmpty else { return nil }
        if let variable = settings["password-env"] {
            guard let password = environment[variable], !password.isEmpty else {
                throw ConnectorError(
                    .invalidConfiguration,
                    destination: destination,
                    message: "the environment variable \(variable) named by `password-env` is not set",
                    fix: "Export \(variable) with the CardDAV password before running Ecluse"
                )
            }
            return Credentials(username: username, password: password)
        }
        if let password = settings["password"] {
            return Credentials(username: username, password: password)
        }
        throw ConnectorError(
            .invalidConfiguration,
            destination: destination,
            message: "`username` is set but no password is given",
            fix: "Add `password-env:` naming the environment variable that holds the password"
        )
    }
}
