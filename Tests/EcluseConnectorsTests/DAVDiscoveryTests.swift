import EcluseConnectors
import EcluseCore
import EcluseHTTP
import EcluseLogging
import EcluseTesting
import Foundation
import Testing

/// Discovery never follows a server to another origin: every request carries credentials.
@Suite struct DAVDiscoveryTests {
    /// A fake DAV server whose answers the test writes, on 127.0.0.1.
    func server(_ routes: (inout Router) -> Void) throws -> HTTPServer {
        var router = Router()
        routes(&router)
        return try HTTPServer(
            configuration: .init(address: ListenAddress(host: "127.0.0.1", port: 0)), router: router,
            logger: Logger(label: "test", sink: .capturing()))
    }

    func discover(_ base: String) throws -> String {
        let destination = Destination(
            name: "phones", kind: .carddav, settings: ["discover": base + "/", "username": "alice", "password": "x"])
        let factory = ConnectorFactory(
            baseFolder: URL(fileURLWithPath: "/tmp"), environment: [:],
            logger: Logger(label: "test", sink: .capturing()))
        return try factory.location(of: destination, collection: CollectionKey(destination: "phones"))
    }

    static func multistatus(_ property: String, _ href: String) -> Response {
        let body = """
            <?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">\
            <d:response><d:href>/</d:href><d:propstat><d:prop><\(property)><d:href>\(href)</d:href></\(property)>\
            </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>
            """
        return Response(status: 207, headers: ["Content-Type": "application/xml"], body: Array(body.utf8))
    }

    @Test func theHomeIsFoundThroughTheWellKnownAddressAndThePrincipal() throws {
        let fake = try server { router in
            router.add("PROPFIND", "/.well-known/carddav") { _ in Response(status: 301, headers: ["Location": "/dav/"])
            }
            router.add("PROPFIND", "/dav/") { _ in
                Self.multistatus("d:current-user-principal", "/dav/principals/alice/")
            }
            router.add("PROPFIND", "/dav/principals/alice/") { _ in
                Self.multistatus("c:addressbook-home-set", "/dav/books/alice")
            }
        }
        defer { fake.stop() }
        let base = "http://127.0.0.1:\(fake.port)"
        #expect(try discover(base) == base + "/dav/books/alice/ecluse/")
    }

    @Test func aRedirectOrAnHrefToAnotherServerIsRefused() throws {
        for trap in ["redirect", "principal"] {
            let fake = try server { router in
                router.add("PROPFIND", "/.well-known/carddav") { _ in
                    trap == "redirect"
                        ? Response(status: 301, headers: ["Location": "http://127.0.0.2:9/"])
                        : Self.multistatus("d:current-user-principal", "http://127.0.0.2:9/alice/")
                }
                router.add("PROPFIND", "/") { _ in
                    Self.multistatus("d:current-user-principal", "http://127.0.0.2:9/alice/")
                }
            }
            defer { fake.stop() }
            #expect(throws: ConnectorError.self, "\(trap)") { try discover("http://127.0.0.1:\(fake.port)") }
            do { _ = try discover("http://127.0.0.1:\(fake.port)") } catch let error as ConnectorError {
                #expect(error.message.contains("another server"), "\(trap): \(error)")
            }
        }
    }
}
