import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A proxy on 127.0.0.1 that passes requests to a real server and breaks some on purpose
/// (`scripts/fault-proxy.py`): 503, 500 and 429 answers, dropped connections, answers lost after
/// the server did the work, and slow ones. Tests put it between a connector and Radicale to
/// drive the retry and resume paths.
///
/// `stop()` (or `deinit`) ends it by its pid with SIGKILL: it keeps no state worth a clean exit.
public final class FaultProxy {
    /// One kind of broken request.
    public enum Fault: String, Sendable, CaseIterable {
        case unavailable = "503"
        case serverError = "500"
        case tooManyRequests = "429"
        case drop
        case lostAnswer = "lost-answer"
        case slow
        /// Held longer than the client's timeout (3 s), then forwarded.
        case stall
    }

    /// Why the proxy did not start.
    public struct DidNotStart: Error, CustomStringConvertible {
        public var description: String
    }

    /// `http://127.0.0.1:PORT` without a trailing slash.
    public let baseURL: String
    public let pid: Int32
    private let process: Process
    private let folder: URL
    private var stopped = false

    /// Starts a proxy to `upstream` (`http://host:port`) that breaks one request in `every`,
    /// taking `faults` in turn, and returns once it listens.
    public init(upstream: String, every: Int = 3, faults: [Fault] = Fault.allCases) throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecluse-proxy-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let portFile = folder.appendingPathComponent("port")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.script, "--upstream", upstream, "--every", "\(every)",
            "--faults", faults.map(\.rawValue).joined(separator: ","),
            "--port-file", portFile.path, "--log", folder.appendingPathComponent("requests.log").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        pid = process.processIdentifier

        let deadline = Date().addingTimeInterval(20)
        var port: Int?
        while port == nil, Date() < deadline, process.isRunning {
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
            if port == nil { usleep(50_000) }
        }
        guard let port else {
            baseURL = ""
            stop()
            throw DidNotStart(description: "the fault proxy (\(Self.script)) did not start within 20 seconds")
        }
        baseURL = "http://127.0.0.1:\(port)"
    }

    deinit {
        stop()
    }

    /// `baseURL` followed by `path`, which should not start with a slash.
    public func url(_ path: String) -> String { "\(baseURL)/\(path)" }

    /// How many requests got each fault so far, and how many passed untouched (`nil` key).
    public func counts() -> [Fault?: Int] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("requests.log"), encoding: .utf8)) ?? ""
        var counts: [Fault?: Int] = [:]
        for line in text.split(separator: "\n") {
            guard let word = line.split(separator: " ").last else { continue }
            counts[Fault(rawValue: String(word)), default: 0] += 1
        }
        return counts
    }

    /// The requests the proxy saw so far, in order.
    public func requests() -> [LoggedRequest] {
        LoggedRequest.read(folder.appendingPathComponent("requests.log"))
    }

    /// Ends the proxy by its pid and removes its folder.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// `scripts/fault-proxy.py`, found from this file's place in the package.
    private static let script: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EcluseTesting
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()  // the package root
        .appendingPathComponent("scripts/fault-proxy.py").path
}
