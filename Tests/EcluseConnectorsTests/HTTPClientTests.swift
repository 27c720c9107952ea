import EcluseConnectors
import EcluseTesting
import Foundation
import Testing

@Suite("HTTPClient against a real Radicale")
struct HTTPClientTests {
    static let alice = Credentials(username: "alice", password: "secret")

    @Test("A GET returns the status and headers, looked up without regard to case")
    func getReturnsStatusAndHeaders() throws {
        let server = try Radicale(authentication: .htpasswd(Self.alice))
        defer { server.stop() }
        let client = try HTTPClient(configuration: .init(credentials: Self.alice))

        let response = try client.send(HTTPRequest(.get, url: server.url("")))

        #expect(response.status == 302)
        #expect(response.headers["location"] == "/.web")
        #expect(response.headers["LOCATION"] == response.headers["Location"])
    }

    @Test("A PROPFIND with a body and a Depth header gets a multistatus answer")
    func propfindGetsMultistatus() throws {
        let server = try Radicale(authentication: .htpasswd(Self.alice))
        defer { server.stop() }
        let client = try HTTPClient(configuration: .init(credentials: Self.alice))
        let body = #"<?xml version="1.0"?><propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>"#

        let response = try client.send(
            HTTPRequest(
                .propfind,
                url: server.url("alice/"),
                headers: ["Depth": "0", "Content-Type": "application/xml; charset=utf-8"],
                body: Array(body.utf8)
            )
        )

        #expect(response.status == 207)
        #expect(response.headers["content-type"]?.hasPrefix("text/xml") == true)
        #expect(String(decoding: response.body, as: UTF8.self).contains("multistatus"))
    }

    @Test("Wrong credentials get a prompt 401, and the password shows nowhere")
    func wrongCredentialsGet401Promptly() throws {
        let server = try Radicale(authentication: .htpasswd(Self.alice))
        defer { server.stop() }
        let wrong = Credentials(username: "alice", password: "not-the-Pa55word")
        let client = try HTTPClient(configuration: .init(timeout: .seconds(5), credentials: wrong))
        let started = ContinuousClock.now

        let response = try client.send(HTTPRequest(.propfind, url: server.url("alice/"), headers: ["Depth": "0"]))

        #expect(response.status == 401)
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(!"\(wrong)".contains("not-the-Pa55word"))
        #expect(!String(reflecting: wrong).contains("not-the-Pa55word"))
        var dumped = ""
        dump(wrong, to: &dumped)
        #expect(!dumped.contains("not-the-Pa55word"))
    }

    @Test("One client sends several requests in a row on its one handle")
    func handleIsReused() throws {
        let server = try Radicale(authentication: .none)
        defer { server.stop() }
        let client = try HTTPClient()

        let put = try client.send(
            HTTPRequest(.mkcol, url: server.url("book/"))
        )
        let get = try client.send(HTTPRequest(.get, url: server.url("")))
        let head = try client.send(HTTPRequest(.head, url: server.url("")))

        #expect(put.status == 201)
        #expect(get.status == 302)
        #expect(head.status == 302)
        #expect(head.body.isEmpty)
    }

    @Test("A refused connection is an unreachable error that carries no credentials")
    func refusedConnectionIsUnreachable() throws {
        let server = try Radicale(authentication: .none)
        let url = server.url("")
        server.stop()
        let client = try HTTPClient(configuration: .init(credentials: Self.alice))

        let error = try #require(throws: HTTPError.self) {
            try client.send(HTTPRequest(.get, url: url))
        }

        #expect(error.code == .unreachable)
        #expect(!error.description.contains("secret"))
        #expect(error.description.contains("GET http://127.0.0.1:"))
    }

    @Test("A URL with user information is shown without it")
    func urlUserInformationIsRedacted() {
        let error = HTTPError(.transfer, method: "GET", url: "http://alice:secret@127.0.0.1:1/x?token=t", message: "m")

        #expect(error.url == "http://127.0.0.1:1/x")
        #expect(!error.description.contains("secret"))
    }

    @Test("A non-http URL is refused before libcurl sees it")
    func nonHTTPURLIsRefused() throws {
        let client = try HTTPClient()

        let error = try #require(throws: HTTPError.self) {
            try client.send(HTTPRequest(.get, url: "file:///etc/passwd"))
        }

        #expect(error.code == .invalidURL)
    }
}
