import EcluseConnectors
import EcluseHTTP
import EcluseLogging
import Foundation
import Testing

/// A failure whose text must never reach a client or a log.
private struct LeakyError: Error, CustomStringConvertible {
    var description: String { "could not reach jane.doe@example.org" }
}

@Suite("HTTPServer: routing, errors and headers over a real connection")
struct HTTPServerTests {
    private static let securityHeaders = [
        "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
    ]

    private static func routes(_ router: inout Router) {
        router.get("/feeds/{token}.ics") { request in
            .text("feed \(request.parameters["token"] ?? "-") q=\(request.query("days") ?? "-")")
        }
        router.post("/echo") { request in .bytes(request.body, contentType: "application/octet-stream") }
        router.get("/boom") { _ in throw LeakyError() }
        router.get("/api/v1/boom") { _ in throw LeakyError() }
        router.get("/api/v1/contacts/{id}") { _ in
            throw HTTPProblem(
                404, detail: "no contact has this id", type: "https://ecluse.example.org/problems/unknown")
        }
    }

    private static func expectSecurityHeaders(_ response: HTTPResponse, _ answer: String) {
        for (name, value) in securityHeaders {
            #expect(response.headers[name] == value, "\(name) on \(answer)")
        }
        #expect(response.headers["X-Request-Id"]?.isEmpty == false, "X-Request-Id on \(answer)")
        #expect(response.headers["Strict-Transport-Security"] == nil, "HSTS without --behind-tls on \(answer)")
    }

    @Test func aTemplateRouteGetsItsParametersAndQuery() throws {
        let server = try TestServer(Self.routes)

        let response = try server.get("/feeds/t0ken.ics?days=30")

        #expect(response.status == 200)
        #expect(response.text == "feed t0ken q=30")
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
    }

    @Test func everyAnswerCarriesTheSecurityHeadersErrorsIncluded() throws {
        let server = try TestServer(Self.routes, maximumBodySize: 16)

        Self.expectSecurityHeaders(try server.get("/healthz"), "200")
        Self.expectSecurityHeaders(try server.get("/nowhere"), "404")
        Self.expectSecurityHeaders(try server.send(.delete, "/healthz"), "405")
        Self.expectSecurityHeaders(try server.get("/boom"), "500")
        Self.expectSecurityHeaders(try server.send(.post, "/echo", body: Array(repeating: 65, count: 17)), "413")
    }

    @Test func strictTransportSecurityOnlyBehindTLS() throws {
        let server = try TestServer(behindTLS: true)

        let response = try server.get("/nowhere")

        #expect(response.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains")
    }

    @Test func unknownPathsAre404AndWrongMethods405WithAllow() throws {
        let server = try TestServer(Self.routes)

        let missing = try server.get("/feeds")
        let wrong = try server.send(.put, "/feeds/abc.ics")

        #expect(missing.status == 404)
        #expect(missing.text.hasPrefix("404 Not Found\n"))
        #expect(wrong.status == 405)
        #expect(wrong.headers["Allow"] == "GET, HEAD")
    }

    @Test func aBodyWithinTheLimitReachesTheHandler() throws {
        let server = try TestServer(Self.routes, maximumBodySize: 100_000)
        let body = (0..<90_000).map { UInt8($0 % 251) }

        let response = try server.send(.post, "/echo", body: body)

        #expect(response.status == 200)
        #expect(response.body == body)
    }

    @Test func aDeclaredBodyOverTheLimitIs413() throws {
        let server = try TestServer(Self.routes, maximumBodySize: 1000)

        let response = try server.send(.post, "/echo", body: Array(repeating: 1, count: 5000))

        #expect(response.status == 413)
        #expect(response.text.contains("larger than 1000 bytes"))
    }

    @Test func aChunkedBodyOverTheLimitIs413() throws {
        let server = try TestServer(Self.routes, maximumBodySize: 1000)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecluse-http-\(UUID().uuidString)")
        try Data(repeating: 66, count: 50_000).write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }

        let result = try runCurl([
            "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Transfer-Encoding: chunked", "--data-binary",
            "@\(folder.path)", server.url("/echo"),
        ])

        #expect(result.output == "413")
    }

    @Test func aSafeRequestIDIsEchoedAndAnUnsafeOneReplaced() throws {
        let server = try TestServer(Self.routes)

        let echoed = try server.get("/healthz", headers: ["X-Request-Id": "front-42.a_b"])
        let replaced = try server.get("/healthz", headers: ["X-Request-Id": "<script>"])

        #expect(echoed.headers["X-Request-Id"] == "front-42.a_b")
        #expect(replaced.headers["X-Request-Id"]?.count == 32)
    }

    @Test func aThrowingHandlerGivesABare500WithoutTheErrorText() throws {
        let server = try TestServer(Self.routes)

        let response = try server.get("/boom")
        let id = try #require(response.headers["X-Request-Id"])

        #expect(response.status == 500)
        #expect(response.text == "500 Internal Server Error\nrequest id: \(id)\n")
        #expect(!server.log.captured.joined().contains("jane.doe"))
        #expect(server.log.captured.contains { $0.contains("handler failed") && $0.contains(id) })
    }

    @Test func apiErrorsAreProblemDocuments() throws {
        let server = try TestServer(Self.routes)

        let unknown = try server.get("/api/v1/contacts/9")
        let failed = try server.get("/api/v1/boom")
        let missing = try server.get("/api/v1/nothing")

        #expect(unknown.status == 404)
        #expect(unknown.headers["Content-Type"] == "application/problem+json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(unknown.body)) as? [String: Any])
        #expect(document["type"] as? String == "https://ecluse.example.org/problems/unknown")
        #expect(document["title"] as? String == "Not Found")
        #expect(document["status"] as? Int == 404)
        #expect(document["detail"] as? String == "no contact has this id")
        #expect(document["instance"] as? String == "urn:ecluse:request:\(unknown.headers["X-Request-Id"] ?? "")")

        #expect(failed.status == 500)
        #expect(failed.headers["Content-Type"] == "application/problem+json")
        #expect(!failed.text.contains("jane.doe"))
        #expect(failed.text.contains(#""title":"Internal Server Error""#))
        #expect(missing.headers["Content-Type"] == "application/problem+json")
    }

    @Test func theAccessLogNamesTheRouteTemplateNeverThePathOrQuery() throws {
        let server = try TestServer(Self.routes)

        let response = try server.get("/feeds/s3cretT0ken.ics?days=7")
        let id = try #require(response.headers["X-Request-Id"])
        #expect(waitFor(seconds: 5) { server.log.captured.contains { $0.contains(id) } })
        let line = try #require(server.log.captured.first { $0.contains(id) })

        #expect(line.contains("route=/feeds/{token}.ics"))
        #expect(line.contains("method=GET"))
        #expect(line.contains("status=200"))
        #expect(line.contains("bytes=\(response.body.count)"))
        #expect(line.contains("duration_ms="))
        #expect(!line.contains("s3cretT0ken"))
        #expect(!line.contains("days"))
        #expect(!line.contains("127.0.0.1"))
    }

    @Test func healthzChecksWhatItIsGiven() throws {
        struct StoreDown: Error {}
        let healthy = try TestServer()
        let broken = try TestServer(healthCheck: { throw StoreDown() })

        let ok = try healthy.get("/healthz")
        let down = try broken.get("/healthz")

        #expect(ok.status == 200)
        #expect(ok.text == "ok\n")
        #expect(down.status == 503)
        #expect(down.text == "unavailable\n")
    }

    @Test func metricsCountTheRequestsServed() throws {
        let server = try TestServer(Self.routes)
        for _ in 0..<3 { _ = try server.get("/feeds/a.ics") }
        _ = try server.get("/nowhere")
        #expect(waitFor(seconds: 5) { server.server.requestsInFlight == 0 })

        let response = try server.get("/metrics")

        #expect(response.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(
            response.text.contains(
                #"ecluse_http_requests_total{route="/feeds/{token}.ics",method="GET",status="200"} 3"#))
        #expect(response.text.contains(#"ecluse_http_requests_total{route="unmatched",method="GET",status="404"} 1"#))
        #expect(response.text.contains("# TYPE ecluse_http_request_duration_seconds histogram"))
        #expect(response.text.contains(#"ecluse_http_request_duration_seconds_count{route="/feeds/{token}.ics"} 3"#))
    }
}

/// Runs the system's curl with `arguments`; its standard output and error as text.
func runCurl(_ arguments: [String]) throws -> (output: String, errors: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
        String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self), process.terminationStatus
    )
}
