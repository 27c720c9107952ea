import EcluseConnectors
import Testing

@Suite("Multistatus parsing")
struct MultistatusTests {
    @Test("A listing with the default namespace gives hrefs, quoted etags and resource types")
    func defaultNamespace() throws {
        let body = """
            <?xml version='1.0' encoding='utf-8'?>
            <multistatus xmlns="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
            <response><href>/alice/book/</href><propstat><prop><getetag>"c0ffee"</getetag>
            <resourcetype><CR:addressbook /><collection /></resourcetype></prop>
            <status>HTTP/1.1 200 OK</status></propstat></response>
            <response><href>/alice/book/x.vcf</href><propstat><prop><getetag>"0eeb5f"</getetag>
            <resourcetype /></prop><status>HTTP/1.1 200 OK</status></propstat></response>
            </multistatus>
            """

        let multistatus = try Multistatus(parsing: Array(body.utf8))

        #expect(multistatus.responses.map(\.href) == ["/alice/book/", "/alice/book/x.vcf"])
        #expect(multistatus.responses[0].isAddressBook)
        #expect(multistatus.responses[0].isCollection)
        #expect(multistatus.responses[1].etag == "\"0eeb5f\"")
        #expect(!multistatus.responses[1].isCollection)
    }

    @Test("Prefixed names, entity-escaped quotes and weak etags are read the same")
    func prefixedNamespaces() throws {
        let body = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">
              <d:response>
                <d:href>http://127.0.0.1:5232/alice/book/a%20b.vcf</d:href>
                <d:propstat>
                  <d:prop><d:getetag>&quot;abc-1&quot;</d:getetag></d:prop>
                  <d:status>HTTP/1.1 200 OK</d:status>
                </d:propstat>
                <d:propstat>
                  <d:prop><card:address-data/></d:prop>
                  <d:status>HTTP/1.1 404 Not Found</d:status>
                </d:propstat>
              </d:response>
              <D:response xmlns:D="DAV:">
                <D:href>/alice/book/weak.vcf</D:href>
                <D:propstat><D:prop><D:getetag>W/"weak-2"</D:getetag></D:prop>
                <D:status>HTTP/1.1 200 OK</D:status></D:propstat>
              </D:response>
            </d:multistatus>
            """

        let multistatus = try Multistatus(parsing: Array(body.utf8))

        #expect(multistatus.responses.count == 2)
        #expect(multistatus.responses[0].href == "http://127.0.0.1:5232/alice/book/a%20b.vcf")
        #expect(multistatus.responses[0].etag == "\"abc-1\"")
        #expect(multistatus.responses[0].propstats.map(\.status) == [200, 404])
        #expect(multistatus.responses[1].etag == "W/\"weak-2\"")
    }

    @Test("A response-level 404 has a status and no etag")
    func responseLevelStatus() throws {
        let body = """
            <multistatus xmlns="DAV:"><response><href>/book/gone.vcf</href>
            <status>HTTP/1.1 404 Not Found</status></response></multistatus>
            """

        let response = try #require(try Multistatus(parsing: Array(body.utf8)).responses.first)

        #expect(response.status == 404)
        #expect(response.etag == nil)
    }

    @Test("An etag under a failed propstat is not taken")
    func etagUnderFailedPropstatIgnored() throws {
        let body = """
            <multistatus xmlns="DAV:"><response><href>/b/x.vcf</href><propstat>
            <prop><getetag>"stale"</getetag></prop><status>HTTP/1.1 403 Forbidden</status>
            </propstat></response></multistatus>
            """

        let response = try #require(try Multistatus(parsing: Array(body.utf8)).responses.first)

        #expect(response.etag == nil)
    }

    @Test("Broken XML and a foreign root are errors with a position")
    func malformedBodies() {
        #expect(throws: MultistatusError.self) {
            try Multistatus(parsing: Array("<multistatus xmlns=\"DAV:\"><response>".utf8))
        }
        #expect(throws: MultistatusError.self) {
            try Multistatus(parsing: Array("<html><body>Login</body></html>".utf8))
        }
    }
}
