import EcluseConnectors
import EcluseTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The calendar feed end to end: `ecluse feed issue`, `ecluse serve`, a phone's GET with its
/// conditional headers, and `ecluse feed revoke`.
@Suite("ecluse feed and /feeds/TOKEN.ics")
struct FeedCommandTests {
    static let policy = """
        purposes:
          meetings: { legal-basis: legitimate-interest }
        destinations:
          agenda-feed: { kind: ics-feed, scope: per-user, residency: eu }
        rules:
          - purpose: meetings
            to: agenda-feed
            appointment-details: [name, phone.mobile]
            erase-details: 90d after end

        """

    /// A meeting of alice's in January 2027 with person 1, whose mobile ends in 01.
    static let calendar =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:m1@example.org\r\n"
        + "DTSTAMP:20261201T000000Z\r\nDTSTART:20270112T090000Z\r\nDTEND:20270112T100000Z\r\nSUMMARY:Visit\r\n"
        + "ORGANIZER:mailto:alice@example.org\r\nATTENDEE:mailto:person1@example.org\r\nEND:VEVENT\r\n"
        + "END:VCALENDAR\r\n"

    @Test func aPhoneGetsItsFeedThenA304ThenA404OnceRevoked() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise(policy: Self.policy)
        let users = try workspace.folder.write("users.csv", "login,display_name,email\nalice,Alice,alice@example.org\n")
        try workspace.succeed("users", "import", users)
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...2))
        try workspace.succeed("import", try workspace.folder.write("agenda.ics", Self.calendar))

        let (process, output) = try start(workspace)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var base: String?
        _ = waitFor(seconds: 30) {
            base = Self.text(of: output).split(separator: "\n").first { $0.hasPrefix("listening on ") }
                .map { String($0.dropFirst(13)) }
            return base != nil
        }
        let server = try #require(base, "no listening line: \(Self.text(of: output))")
        let issued = try workspace.succeed("feed", "issue", "alice", "--base-url", server).stdout
        let url = try #require(issued.split(separator: "\n").first.map(String.init))
        #expect(url.hasPrefix(server + "/feeds/") && url.hasSuffix(".ics"))

        let client = try HTTPClient()
        let first = try client.send(HTTPRequest(.get, url: url))
        let body = String(decoding: first.body, as: UTF8.self)
        #expect(first.status == 200)
        #expect(first.headers["Content-Type"] == "text/calendar; charset=utf-8")
        #expect(body.contains("SUMMARY:Visit") && body.contains("+33 6 00 00 00 01"))
        #expect(!body.contains("+33 1 00 00 00 01") && !body.contains("ORGANIZER"))
        let etag = try #require(first.headers["ETag"])
        let again = try client.send(HTTPRequest(.get, url: url, headers: ["If-None-Match": etag]))
        #expect(again.status == 304 && again.body.isEmpty)

        let guessed = try client.send(
            HTTPRequest(.get, url: server + "/feeds/" + String(repeating: "A", count: 43) + ".ics"))
        #expect(guessed.status == 404)
        try workspace.succeed("feed", "revoke", "alice")
        let revoked = try client.send(HTTPRequest(.get, url: url))
        // The same answer as a guess, but for its request id.
        func firstLine(_ body: [UInt8]) -> Substring? {
            String(decoding: body, as: UTF8.self).split(separator: "\n").first
        }
        #expect(revoked.status == 404 && firstLine(revoked.body) == firstLine(guessed.body))
        #expect(revoked.headers["ETag"] == nil && revoked.body.count == guessed.body.count)
        let listed = try workspace.succeed("feeds").stdout
        #expect(listed.contains("alice: issued") && listed.contains("revoked"))
        #expect(!listed.contains(url.dropFirst(server.count + 7).prefix(43)))

        kill(process.processIdentifier, SIGTERM)
        #expect(waitFor(seconds: 30) { !process.isRunning })
    }

    private static func text(of file: URL) -> String {
        String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)
    }

    private func start(_ workspace: CLIWorkspace) throws -> (Process, URL) {
        let output = URL(fileURLWithPath: workspace.folder.file("serve.out"))
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = try EcluseProcess.start(
            ["--data", workspace.dataFolder, "serve", "--listen", "127.0.0.1:0"],
            output: try FileHandle(forWritingTo: output))
        return (process, output)
    }

    private func waitFor(seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}
