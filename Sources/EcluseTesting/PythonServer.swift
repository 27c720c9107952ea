import EcluseConnectors
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A Python server run for a test (Radicale, Xandikos): one process on 127.0.0.1 and a free
/// port, with its files in a temporary folder.
///
/// `stop()` (or `deinit`) ends it by its pid, waits for it, and removes the folder.
public final class PythonServer {
    /// `http://127.0.0.1:PORT` without a trailing slash.
    public let baseURL: String
    public let port: Int
    /// The process id of the server, distinct from the test process.
    public let pid: Int32
    /// The folder holding the server's files and its log.
    public let folder: URL
    private let name: String
    private let process: Process
    private var stopped = false

    /// Starts `python3 -m module arguments…` (or the script `module` when it ends with `.py`)
    /// and returns once it answers HTTP.
    ///
    /// - Parameter arguments: the command line after the module, given the port and the folder.
    public init(
        name: String, module: String, startTimeout: Duration = .seconds(20),
        arguments: (_ port: Int, _ folder: URL) throws -> [String]
    ) throws {
        guard module.hasSuffix(".py") || Self.canImport(module) else {
            throw PythonServerError.notInstalled(name: name, module: module)
        }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecluse-\(name.lowercased())-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try Self.freePort()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.launcher, module] + (try arguments(port, folder))
        let log = folder.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        // The child has its own copy of the descriptor.
        try? logHandle.close()

        self.name = name
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

    deinit { stop() }

    /// SIGTERM first, so the server shuts down cleanly; SIGKILL if it still runs after 5 s.
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

    /// Runs the module named by the first argument after clearing the signal mask.
    ///
    /// A child inherits the blocked signals of the thread that spawns it, and the test runner's
    /// threads block SIGTERM: without this, the server would never see the signal `stop()` sends.
    private static let launcher = """
        import runpy, signal, sys
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
        module = sys.argv[1]
        sys.argv = [module] + sys.argv[2:]
        if module.endswith(".py"):
            runpy.run_path(module, run_name="__main__")
        else:
            runpy.run_module(module, run_name="__main__", alter_sys=True)
        """

    /// Whether `python3 -c 'import module'` succeeds.
    public static func canImport(_ module: String) -> Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import \(module)"]
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
            guard process.isRunning else { throw PythonServerError.didNotStart(name: name, log: logTail()) }
            if (try? client.send(HTTPRequest(.get, url: baseURL + "/"))) != nil { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw PythonServerError.didNotStart(name: name, log: logTail())
    }

    private func logTail() -> String {
        let log = folder.appendingPathComponent("server.log")
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(10).joined(separator: "\n")
    }

    /// A port that was free a moment ago: the kernel picks it for a socket bound to port 0.
    static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw PythonServerError.noFreePort }
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
        guard bound else { throw PythonServerError.noFreePort }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why a test server could not be started.
public enum PythonServerError: Error, CustomStringConvertible {
    case notInstalled(name: String, module: String)
    case noFreePort
    case didNotStart(name: String, log: String)

    public var description: String {
        switch self {
        case .notInstalled(let name, let module):
            "\(name) is not installed (python3 -c 'import \(module)' failed): run `make deps` to install it."
        case .noFreePort:
            "No free TCP port on 127.0.0.1 for a test server."
        case .didNotStart(let name, let log):
            "\(name) did not start answering on 127.0.0.1. Its last log lines:\n\(log)"
        }
    }
}
