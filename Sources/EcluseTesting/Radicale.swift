import EcluseConnectors
import Foundation

/// A real Radicale CardDAV/CalDAV server for tests, on 127.0.0.1 and a free port, with its
/// storage in a temporary folder.
///
/// `stop()` (or `deinit`) ends it by its pid, waits for it, and removes the folder. Radicale
/// is started without reading any configuration file, so a developer's own setup cannot change
/// what tests see.
public final class Radicale {
    /// How clients log in.
    public enum Authentication: Sendable {
        /// Anyone may do anything.
        case none
        /// One user from a plain-text htpasswd file.
        case htpasswd(Credentials)
    }

    private let server: PythonServer
    /// The credentials the server accepts, when it checks any.
    public let credentials: Credentials?

    /// `http://127.0.0.1:PORT` without a trailing slash.
    public var baseURL: String { server.baseURL }
    public var port: Int { server.port }
    /// The process id of the server, distinct from the test process.
    public var pid: Int32 { server.pid }
    /// The folder holding the storage, the htpasswd file and the server's log.
    public var folder: URL { server.folder }

    /// Starts a server and returns once it answers HTTP requests; throws `PythonServerError`
    /// when Radicale is not installed or does not answer within `startTimeout`.
    public init(authentication: Authentication = .none, startTimeout: Duration = .seconds(20)) throws {
        var accepted: Credentials?
        server = try PythonServer(name: "Radicale", module: "radicale", startTimeout: startTimeout) { port, folder in
            var arguments = [
                "--config", "",
                "--server-hosts", "127.0.0.1:\(port)",
                "--storage-filesystem-folder", folder.appendingPathComponent("collections").path,
            ]
            switch authentication {
            case .none:
                arguments += ["--auth-type", "none"]
            case .htpasswd(let given):
                let file = folder.appendingPathComponent("users")
                try Data("\(given.username):\(given.password)\n".utf8).write(to: file)
                arguments += [
                    "--auth-type", "htpasswd", "--auth-htpasswd-filename", file.path,
                    "--auth-htpasswd-encryption", "plain",
                ]
                accepted = given
            }
            return arguments
        }
        credentials = accepted
    }

    public func stop() { server.stop() }

    /// The URL of a path on the server, such as `alice/contacts/`.
    public func url(_ path: String) -> String { baseURL + "/" + path }

    /// Whether `python3 -c 'import radicale'` succeeds.
    public static var isInstalled: Bool { PythonServer.canImport("radicale") }
}

/// A real Xandikos CardDAV/CalDAV server for tests (no authentication: it has none of its own
/// without a front), on 127.0.0.1 and a free port. Its collections live under `/user/`.
public final class Xandikos {
    private let server: PythonServer

    public var baseURL: String { server.baseURL }
    /// The process id of the server, distinct from the test process.
    public var pid: Int32 { server.pid }

    public init(startTimeout: Duration = .seconds(30)) throws {
        server = try PythonServer(name: "Xandikos", module: "xandikos", startTimeout: startTimeout) { port, folder in
            [
                "serve", "-d", folder.appendingPathComponent("data").path, "--autocreate",
                "--current-user-principal", "/user/", "-l", "127.0.0.1", "-p", "\(port)",
                "--state-dir", folder.appendingPathComponent("state").path, "--no-detect-systemd",
            ]
        }
    }

    public func stop() { server.stop() }

    public func url(_ path: String) -> String { baseURL + "/" + path }

    /// Whether `python3 -c 'import xandikos'` succeeds.
    public static var isInstalled: Bool { PythonServer.canImport("xandikos") }
}
