import EcluseConnectors
import EcluseLedger
import EcluseStore
import Foundation
import Testing

/// The pages in a real browser at a phone's size (390×844), logged in through the login form.
///
/// Screenshots go to `.build/test-artefacts/web/`; their paths are printed.
@Suite("The web app in headless Chromium at a phone's size")
struct BrowserTests {
    /// Where screenshots are kept: `.build/test-artefacts/web` in the package.
    private static let artefacts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/test-artefacts/web")

    @Test(
        .enabled(
            if: Chromium.executable != nil,
            "chromium is not installed: run scripts/install-deps.sh to run the browser tests"))
    func aSalespersonLogsInSearchesOpensACardShowsItsQRCodeAndOpensTheAgenda() throws {
        let fixture = try WebFixture()
        let browser = try Chromium()
        defer { browser.close() }
        let base = fixture.baseURL
        func shoot(_ name: String) throws {
            let file = Self.artefacts.appendingPathComponent("\(name).png")
            try browser.screenshot(to: file)
            print("screenshot: \(file.path)")
        }

        try browser.navigate(base + "/login")
        #expect(try browser.evaluate("document.documentElement.lang") as? String == "en")
        #expect(try browser.evaluate(Self.everyFieldHasALabel) as? Bool == true)
        try browser.pressTab()
        #expect(
            try browser.evaluate("getComputedStyle(document.activeElement).outlineStyle") as? String == "solid",
            "the keyboard focus is outlined")
        try shoot("1-login")
        try browser.evaluate(
            """
            document.getElementById('login').value = 'alice';
            document.getElementById('password').value = \(Self.quoted(WebFixture.password));
            document.querySelector('form').submit();
            """)
        try browser.waitUntil("location.pathname === '/contacts' && document.readyState === 'complete'")

        let listed = try browser.evaluate("document.querySelectorAll('ul.list li').length") as? Int
        #expect(listed == 5)
        #expect(try browser.evaluate(Self.fitsTheWidth) as? Bool == true, "no sideways scrolling at 390 px")
        #expect(
            try browser.evaluate("getComputedStyle(document.querySelector('.bar')).backgroundColor") as? String
                == "rgb(18, 50, 79)", "the stylesheet is served and allowed by the CSP")
        try shoot("2-contacts")

        try browser.evaluate(
            "document.getElementById('q').value = 'chlo'; document.querySelector('form[role=search]').submit();")
        try browser.waitUntil("location.search === '?q=chlo' && document.readyState === 'complete'")
        #expect(try browser.evaluate("document.querySelectorAll('ul.list li').length") as? Int == 1)
        try shoot("3-search")

        try browser.evaluate("document.querySelector('ul.list a').click()")
        try browser.waitUntil("location.pathname === '/contacts/subject-2' && document.readyState === 'complete'")
        let telephones = try browser.evaluate("document.querySelectorAll('a[href^=\"tel:\"]').length") as? Int
        #expect(telephones == 2)
        #expect(try browser.evaluate(Self.everyFieldHasALabel) as? Bool == true)
        #expect(try browser.evaluate(Self.fitsTheWidth) as? Bool == true)
        try shoot("4-card")
        try browser.resize(width: 360, height: 740)
        try browser.waitUntil("window.innerWidth === 360")
        #expect(try browser.evaluate(Self.fitsTheWidth) as? Bool == true, "no sideways scrolling at 360 px")
        try shoot("4-card-360")
        try browser.resize(width: 390, height: 844)

        // The browser's own session downloads the card over HTTP; vobject, an independent reader, opens it.
        let token = try #require(try browser.evaluate("document.querySelector('input[name=csrf]').value") as? String)
        let session = try #require(try browser.cookies(for: base).first { ($0["name"] as? String) == "ecluse-session" })
        let download = try WebClient(baseURL: base, cookies: ["ecluse-session": session["value"] as? String ?? ""])
            .post("/contacts/subject-2/vcard", [("purpose", "phone-download/calls-on-the-road")], csrf: token)
        #expect(download.status == 200)
        #expect(try Self.vobjectSummary(of: download.body) == "Chloé Muster | +33 1 00 00 00 02;+33 6 00 00 00 02")

        try browser.evaluate("document.querySelector('button[formaction$=\"/qr\"]').click()")
        try browser.waitUntil("location.pathname === '/contacts/subject-2/qr' && document.readyState === 'complete'")
        #expect(try browser.evaluate("document.querySelector('svg.qr path') !== null") as? Bool == true)
        try shoot("5-qr")

        try browser.navigate(base + "/device")
        #expect(try browser.evaluate(Self.everyFieldHasALabel) as? Bool == true)
        #expect(try browser.evaluate(Self.fitsTheWidth) as? Bool == true)
        try shoot("6-device")

        // The agenda: a feed address made on the page, shown once with its QR code to scan.
        try browser.navigate(base + "/agenda")
        #expect(try browser.evaluate(Self.fitsTheWidth) as? Bool == true)
        try shoot("7-agenda")
        _ = try browser.evaluate("document.querySelector('form[action=\"/agenda/feed\"]').submit(); true")
        try browser.waitUntil("location.pathname === '/agenda/feed' && document.readyState === 'complete'")
        #expect(try browser.evaluate("document.querySelector('svg.qr path') !== null") as? Bool == true)
        #expect(
            try browser.evaluate("/\\/feeds\\/[A-Za-z0-9_-]{43}\\.ics/.test(document.body.textContent)") as? Bool
                == true)
        #expect(try browser.evaluate(Self.fitsTheWidth) as? Bool == true)
        try shoot("8-feed-address")

        let cookie = try browser.cookies(for: base).first { ($0["name"] as? String) == "ecluse-session" }
        #expect(cookie?["httpOnly"] as? Bool == true)
        #expect(cookie?["sameSite"] as? String == "Lax")
        let entries = try fixture.withStore { try $0.ledgerEntries(after: 0, limit: 10) }
        #expect(entries.map(\.action) == [.downloaded, .shownAsQRCode])
    }

    /// Every visible input and select has a label a screen reader announces.
    private static let everyFieldHasALabel = """
        [...document.querySelectorAll('input:not([type=hidden]), select')]
            .every(field => field.labels && field.labels.length > 0)
        """

    /// `FN | TEL;TEL` of the card as Python's vobject reads it.
    private static func vobjectSummary(of card: [UInt8]) throws -> String {
        let script = """
            import sys, vobject
            card = vobject.readOne(sys.stdin.read())
            tels = sorted(t.value for t in card.contents.get("tel", []))
            print(card.fn.value + " | " + ";".join(tels))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(card))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static let fitsTheWidth = "document.documentElement.scrollWidth <= window.innerWidth"

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
