import EcluseConnectors
import EcluseHTTP
import EcluseLogging
import Foundation
import Testing

@Suite("HTTPServer: keep-alive, deadlines and a graceful stop")
struct ServerLifecycleTests {
    @Test func portZeroListensOnAPortTheSystemPicked() throws {
        let server = try TestServer()

        #expect(server.server.port > 0)
        #expect(try server.get("/healthz").status == 200)
    }

    @Test func aTakenPortIsAnErrorThatSaysSo() throws {
        let first = try TestServer()
        let configuration = HTTPServer.Configuration(address: ListenAddress(host: "127.0.0.1", port: first.server.port))

        #expect(throws: HTTPServerError.self) {
            _ = try HTTPServer(configuration: configuration, router: Router(), logger: .init(label: "t"))
        }
    }

    @Test func severalRequestsShareOneConnection() throws {
        let server = try TestServer { $0.get("/a") { _ in .text("a") } }
        let client = try HTTPClient()

        for _ in 0..<3 {
            let response = try client.send(HTTPRequest(.get, url: server.url("/a")))
            #expect(response.status == 200)
            #expect(response.headers["Connection"]?.lowercased() != "close")
        }
        let missing = try client.send(HTTPRequest(.get, url: server.url("/nowhere")))
        #expect(missing.headers["Connection"]?.lowercased() != "close")

        let curl = try runCurl(["-sv", server.url("/a"), server.url("/nowhere"), server.url("/a")])
        #expect(curl.output.hasPrefix("a404 Not Found\nrequest id: "))
        #expect(curl.output.hasSuffix("\na"))
        #expect(curl.errors.components(separatedBy: "Re-using existing connection").count == 3, "\(curl.errors)")
    }

    @Test func aHandlerPastTheDeadlineIsAnswered503() throws {
        let server = try TestServer(
            {
                $0.get("/slow") { _ in
                    Thread.sleep(forTimeInterval: 5)
                    return .text("late")
                }
            }, requestDeadline: .milliseconds(300))
        let started = ContinuousClock.now

        let response = try server.get("/slow")

        #expect(response.status == 503)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func stopLetsARequestUnderWayFinish() throws {
        let server = try TestServer {
            $0.get("/slow") { _ in
                Thread.sleep(forTimeInterval: 0.8)
                return .text("finished")
            }
        }
        let url = server.url("/slow")
        let request = Background { try HTTPClient().send(HTTPRequest(.get, url: url)) }
        #expect(waitFor(seconds: 5) { server.server.requestsInFlight == 1 })

        server.server.stop()
        let response = try #require(request.wait(seconds: 10)).get()

        #expect(response.status == 200)
        #expect(response.text == "finished")
        #expect(response.headers["Connection"]?.lowercased() == "close")
        #expect(throws: HTTPError.self) { try server.get("/healthz") }
    }

    @Test func stopGivesUpOnAHandlerPastTheGracePeriod() throws {
        let server = try TestServer(
            {
                $0.get("/stuck") { _ in
                    Thread.sleep(forTimeInterval: 5)
                    return .text("never")
                }
            }, shutdownGrace: .milliseconds(300))
        let url = server.url("/stuck")
        let request = Background { try HTTPClient().send(HTTPRequest(.get, url: url)) }
        #expect(waitFor(seconds: 5) { server.server.requestsInFlight == 1 })
        let started = ContinuousClock.now

        server.server.stop()
        let response = try #require(request.wait(seconds: 10)).get()

        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(response.status == 503)
    }
}

@Suite("HTTPServer: connections that stall")
struct StalledConnectionTests {
    /// A client that connects and sends only part of its request is cut off after the
    /// connection timeout, and holds no request in flight.
    @Test func aStalledConnectionIsClosedAfterTheTimeout() throws {
        var router = Router()
        router.addOperationalRoutes(metrics: MetricsRegistry())
        let server = try HTTPServer(
            configuration: .init(address: ListenAddress(host: "127.0.0.1", port: 0), connectionTimeout: .seconds(1)),
            router: router, logger: Logger(label: "t"))
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        socket.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        let started = ContinuousClock.now

        let closed = socket.waitForClose(seconds: 10)

        #expect(closed)
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
