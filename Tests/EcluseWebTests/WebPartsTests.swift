import EcluseHTTP
import Testing

@testable import EcluseWeb

@Suite("The web app's small parts: forms, cookies, escaping, QR codes")
struct WebPartsTests {
    @Test func formFieldsAreDecodedAsBrowsersEncodeThem() {
        let form = FormData(Array("login=ana+b%C3%A9&password=a%26b%3Dc&condition=x&condition=y&bare&bad=%zz".utf8))

        #expect(form["login"] == "ana bé")
        #expect(form["password"] == "a&b=c")
        #expect(form.values("condition") == ["x", "y"])
        #expect(form["bare"] == "")
        #expect(form["bad"] == "%zz")
        #expect(form["missing"] == nil)
    }

    @Test func theCookieHeaderIsReadByName() {
        let request = Request(
            method: "GET", path: "/", headers: ["Cookie": "a=1; ecluse-session=abc ; b=2"], id: "test")

        #expect(Cookies.value("ecluse-session", in: request) == "abc")
        #expect(Cookies.value("missing", in: request) == nil)
        #expect(
            Cookies.header(name: "n", value: "v", secure: true, maxAge: 0)
                == "n=v; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0")
    }

    @Test func textIsEscapedForHTMLAndPaths() {
        #expect(
            HTML.escape("<a href=\"x\">O'Neil & co</a>") == "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;")
        #expect(HTML.percentEncode("a b/é?") == "a%20b%2F%C3%A9%3F")
    }

    @Test func theQRCodeHasItsFinderPatternsWhereTheStandardPutsThem() throws {
        let code = try #require(QRCode(Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Example\r\nEND:VCARD\r\n".utf8)))
        let size = code.modules.count

        // Each corner but the bottom right holds a 7×7 finder: a dark ring, a light ring, a
        // dark 3×3 centre (ISO/IEC 18004 §6.3.3).
        for (top, left) in [(0, 0), (0, size - 7), (size - 7, 0)] {
            for row in 0..<7 {
                for column in 0..<7 {
                    let ring = max(abs(row - 3), abs(column - 3))
                    #expect(code.modules[top + row][left + column] == (ring != 2), "finder at \(top),\(left)")
                }
            }
        }
        #expect((size - 17) % 4 == 0, "a QR symbol is 21, 25, 29… modules wide")
        #expect(code.svg(title: "t").hasPrefix("<svg class=\"qr\""))
    }

    @Test func dataBeyondTheLargestSymbolIsRefused() {
        #expect(QRCode([UInt8](repeating: 65, count: 4_000)) == nil)
    }
}
