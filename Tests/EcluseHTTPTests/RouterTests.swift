import Testing

@testable import EcluseHTTP

@Suite("Router and route templates, without a network")
struct RouterTests {
    private static func router() -> Router {
        var router = Router()
        router.get("/feeds/{token}.ics") { _ in .text("feed") }
        router.get("/api/v1/contacts/{id}") { _ in .text("contact") }
        router.add("DELETE", "/api/v1/contacts/{id}") { _ in .text("deleted") }
        return router
    }

    @Test func aParameterWithASuffixTakesTheMiddleOfItsSegment() {
        #expect(RouteTemplate("/feeds/{token}.ics").match("/feeds/k3y-9.ics") == ["token": "k3y-9"])
        #expect(RouteTemplate("/feeds/{token}.ics").match("/feeds/.ics") == nil)
        #expect(RouteTemplate("/feeds/{token}.ics").match("/feeds/abc.vcf") == nil)
        #expect(RouteTemplate("/feeds/{token}.ics").match("/feeds/a/b.ics") == nil)
    }

    @Test func literalSegmentsMatchExactlyAndTheSegmentCountMatters() {
        let template = RouteTemplate("/api/v1/contacts/{id}")
        #expect(template.match("/api/v1/contacts/42") == ["id": "42"])
        #expect(template.match("/api/v1/contacts/") == nil)
        #expect(template.match("/api/v1/contacts/42/notes") == nil)
        #expect(template.match("/api/v2/contacts/42") == nil)
    }

    @Test func aMatchNamesTheTemplateNotThePath() throws {
        guard case .found(_, let route, let parameters) = Self.router().match(method: "GET", path: "/feeds/s3cret.ics")
        else {
            Issue.record("no match")
            return
        }
        #expect(route == "/feeds/{token}.ics")
        #expect(parameters == ["token": "s3cret"])
    }

    @Test func aKnownPathWithAnotherMethodIs405WithTheMethodsItTakes() {
        guard case .problem(let problem) = Self.router().match(method: "PUT", path: "/api/v1/contacts/7") else {
            Issue.record("expected a problem")
            return
        }
        #expect(problem.status == 405)
        #expect(problem.headers["Allow"] == "GET, HEAD, DELETE")
    }

    @Test func anUnknownPathIs404AndHeadFollowsGet() {
        guard case .problem(let problem) = Self.router().match(method: "GET", path: "/nothing") else {
            Issue.record("expected a problem")
            return
        }
        #expect(problem.status == 404)
        guard case .found = Self.router().match(method: "HEAD", path: "/feeds/x.ics") else {
            Issue.record("HEAD did not follow GET")
            return
        }
    }

    @Test func requestIDsFromClientsAreKeptOnlyWhenShortAndSafe() {
        #expect(RequestID.accept("nginx-7f3a.1_b") == "nginx-7f3a.1_b")
        #expect(RequestID.accept("two words") != "two words")
        #expect(RequestID.accept("line\nbreak") != "line\nbreak")
        #expect(RequestID.accept(String(repeating: "a", count: 65)).count == 32)
        #expect(RequestID.accept(nil).count == 32)
        #expect(RequestID.random() != RequestID.random())
    }
}
