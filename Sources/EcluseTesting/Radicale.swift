import EcluseConnectors
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real Radicale CardDAV/CalDAV server for tests, on 127.0.0.1 and a free port, with its
/// storage in a temporary folder.
///
/// The server runs as a separate process; `stop()` (or `deinit`) ends it by its pid, waits
/// for it, and removes the folder. Radicale is started without reading any configuration file,
/// so a developer's own setup cannot change what tests see.
public final class Radicale {
    /// How clients log in.
    public enum Authentication: Sendable {
        /// Anyone may do anything.
        case none
        /// One user from a plain-text htpasswd file.
        case htpasswd(Credentials)
    }

    /// `http://127.0.0.1:PORT` without a trailing slash.
    public let baseURL: String
    public let port: Int
    /// The process id of the server, distinct from the test process.
    public let pid: Int32
    /// The folder holding the storage, the htpasswd file and the server's log.
    public let folder: URL
    /// The credentials the server accepts, when it checks any.
    public let credentials: Credentials?

    private let process: Process
    private var stopped = false

    /// Starts a server and returns once it answers HTTP requests.
    ///
    /// Throws `RadicaleError.notInstalled` when `python3 -m radicale` is not available, and
    /// `RadicaleError.didNotStart` when the server does not answer within `startTimeout`.
    public init(authentication: Authentication = .none, startTimeout: Duration = .seconds(20)) throws {
        guard Self.isInstalled else { throw RadicaleError.notInstalled }

        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecluse-radicale-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try Self.freePort()

        var arguments = [
            "-c", Self.launcher,
            "--config", "",
            "--server-hosts", "127.0.0.1:\(port)",
            "--storage-filesystem-folder", folder.appendingPathComponent("collections").path,
        ]
        switch authentication {
        case .none:
            arguments += ["--auth-type", "none"]
            credentials = nil
        case .htpasswd(let given):
            let file = folder.appendingPathComponent("users")
            try Data("\(given.username):\(given.password)\n".utf8).write(to: file)
            arguments += [
                "--auth-type", "htpasswd",
                "--auth-htpasswd-filename", file.path,
                "--auth-htpasswd-encryption", "plain",
            ]
            credentials = given
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let log = folder.appendingPathComponent("radicale.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        // The child has its own copy of the descriptor.
        try? logHandle.close()

        self.process = process
        self.pid = process.processIdentifier
        self.port = port
        self.folder = folder
        self.baseURL = "http://127.0.0.1:\(port)"

        do {
            try waitUntilAnswering(timeout: startTimeout)
        } catch {
            stop()
            throw error
        }
    }

    deinit {
        stop()
    }

    /// Ends the server by its pid, waits for it to exit, and removes its folder.
    ///
    /// SIGTERM first, so Radicale shuts down cleanly; SIGKILL if it is still running after
    /// five seconds.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        if process.isRunning {
            kill(pid, SIGTERM)
            let deadline = ContinuousClock.now + .seconds(5)
            while process.isRunning && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `python3 -m radicale` after clearing the signal mask.
    ///
    /// A child inherits the blocked signals of the thread that spawns it, and the test runner's
    /// threads block SIGTERM: without this, Radicale would never see the signal `stop()` sends.
    private static let launcher = """
        import runpy, signal, sys
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
        runpy.run_module("radicale", run_name="__main__", alter_sys=True)
        """

    /// The URL of a path on the server, such as `alice/contacts/`.
    public func url(_ path: String) -> String {
        baseURL + "/" + path
    }

    /// Whether `python3 -c 'import radicale'` succeeds.
    public static var isInstalled: Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import radicale"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    private func waitUntilAnswering(timeout: Duration) throws {
        let client = try HTTPClient(configuration: .init(connectTimeout: .seconds(1), timeout: .seconds(2)))
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw RadicaleError.didNotStart(log: logTail()) }
            if (try? client.send(HTTPRequest(.get, url: baseURL + "/"))) != nil { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw RadicaleError.didNotStart(log: logTail())
    }

    private func logTail() -> String {
        let log = folder.appendingPathComponent("radicale.log")
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(10).joined(separator: "\n")
    }

    /// A port that was free a moment ago: the kernel picks it for a socket bound to port 0.
    private static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw RadicaleError.noFreePort }
        defer { close(socketFD) }

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socketFD, generic, length) == 0 && getsockname(socketFD, generic, &length) == 0
            }
        }
        guard bound else { throw RadicaleError.noFreePort }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why a test Radicale could not be started.
public enum RadicaleError: Error, CustomStringConvertible {
    case notInstalled
    case noFreePort
    case didNotStart(log: String)

    public var description: String {
        switch self {
        case .notInstalled:
            "Radicale is not installed (python3 -c 'import radicale' failed): run `make deps` to install it."
        case .noFreePort:
            "No free TCP port on 127.0.0.1 for Radicale."
        case .didNotStart(let log):
            "Radicale did not start answering on 127.0.0.1. Its last log lines:\n\(log)"
        }
    }
}
