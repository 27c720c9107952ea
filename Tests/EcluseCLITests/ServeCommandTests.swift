import EcluseConnectors
import EcluseTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("ecluse serve, the HTTP server")
struct ServeCommandTests {
    /// The built binary listens where it says, answers /healthz, and stops with exit 0 on SIGTERM.
    @Test func itSaysWhereItListensAnswersHealthzAndStopsCleanlyOnSigterm() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let (process, output) = try start(workspace, "--listen", "127.0.0.1:0", "--behind-tls")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        var url: String?
        _ = waitFor(seconds: 30) {
            url = Self.listeningURL(in: Self.text(of: output))
            return url != nil
        }
        let base = try #require(url, "no listening line:\n\(Self.text(of: output))")
        let response = try HTTPClient().send(HTTPRequest(.get, url: base + "/healthz"))
        kill(process.processIdentifier, SIGTERM)
        let stopped = waitFor(seconds: 30) { !process.isRunning }

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "ok\n")
        #expect(response.headers["Strict-Transport-Security"] != nil)
        #expect(stopped, "SIGTERM did not stop the server")
        #expect(process.terminationStatus == 0)
        #expect(Self.text(of: output).hasSuffix("stopped\n"))
    }

    /// The web app is on the same server: an account made with `ecluse user add` logs in.
    @Test func itServesTheWebPagesAndAnAccountLogsIn() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let added = try workspace.ecluse(
            "user", "add", "alice", "--role", "sales", environment: ["ECLUSE_PASSWORD": "correct horse battery"])
        #expect(added.exitCode == 0, "\(added.stderr)")
        let (process, output) = try start(workspace, "--listen", "127.0.0.1:0")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var url: String?
        _ = waitFor(seconds: 30) {
            url = Self.listeningURL(in: Self.text(of: output))
            return url != nil
        }
        let base = try #require(url, "no listening line:\n\(Self.text(of: output))")
        let client = try HTTPClient()

        let page = try client.send(HTTPRequest(.get, url: base + "/login"))
        let css = try client.send(HTTPRequest(.get, url: base + "/static/app.css"))
        let cookie = try #require(page.headers["Set-Cookie"]?.split(separator: ";").first.map(String.init))
        let token = try #require(cookie.split(separator: "=").last.map(String.init))
        let form = "login=alice&password=correct+horse+battery&csrf=\(token)"
        let login = try client.send(
            HTTPRequest(
                .post, url: base + "/login",
                headers: ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"],
                body: Array(form.utf8)))
        kill(process.processIdentifier, SIGTERM)
        _ = waitFor(seconds: 30) { !process.isRunning }

        #expect(page.status == 200)
        #expect(css.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(login.status == 303)
        #expect(login.headers.values("Set-Cookie").contains { $0.hasPrefix("ecluse-session=") })
    }

    @Test func aListenAddressWithoutAPortIsAUsageError() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()

        let result = try workspace.ecluse("serve", "--listen", "localhost")

        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("--listen takes HOST:PORT"))
    }

    @Test func aDataFolderNeverInitialisedIsRefused() throws {
        let workspace = CLIWorkspace()

        let result = try workspace.ecluse("serve", "--listen", "127.0.0.1:0")

        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("ecluse init"))
    }

    /// `http://127.0.0.1:PORT` from the line `listening on http://127.0.0.1:PORT`.
    private static func listeningURL(in text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("listening on ") }.map { String($0.dropFirst(13)) }
    }

    private static func text(of file: URL) -> String {
        String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)
    }

    private func start(_ workspace: CLIWorkspace, _ arguments: String...) throws -> (Process, URL) {
        let output = URL(fileURLWithPath: workspace.folder.file("serve-\(UUID().uuidString.prefix(8)).out"))
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = try EcluseProcess.start(
            ["--data", workspace.dataFolder, "serve"] + arguments, output: try FileHandle(forWritingTo: output))
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
