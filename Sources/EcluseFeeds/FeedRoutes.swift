import EcluseHTTP
import Foundation

extension Router {
    /// `GET /feeds/<token>.ics`: a user's calendar subscription, with `ETag` and
    /// `Last-Modified` for conditional requests. Every unknown token gets the same bare 404.
    public mutating func addFeedRoutes(_ feeds: FeedService) {
        get("/feeds/{token}.ics") { request in
            let answer = try feeds.answer(
                token: request.parameters["token"] ?? "", ifNoneMatch: request.headers["If-None-Match"],
                ifModifiedSince: request.headers["If-Modified-Since"].flatMap(HTTPDate.parse),
                sendsBody: request.method != "HEAD")
            switch answer {
            case .notFound:
                throw HTTPProblem.notFound
            case .notModified(let etag, let lastModified):
                return Response(status: 304, headers: Self.validators(etag, lastModified))
            case .calendar(let body, let etag, let lastModified):
                var headers = Self.validators(etag, lastModified)
                headers.add("Content-Type", "text/calendar; charset=utf-8")
                return Response(status: 200, headers: headers, body: body)
            }
        }
    }

    /// The validators of a feed, and a cache rule that makes every client ask again: the feed
    /// changes with the clock, not only with the data.
    private static func validators(_ etag: String, _ lastModified: Date) -> HeaderFields {
        ["ETag": etag, "Last-Modified": HTTPDate.format(lastModified), "Cache-Control": "private, no-cache"]
    }
}
