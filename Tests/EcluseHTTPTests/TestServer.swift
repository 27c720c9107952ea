import EcluseConnectors
import EcluseHTTP
import EcluseLogging
import Foundation
import Synchronization

/// A real server on 127.0.0.1 on a port the system picks, with a capturing log, for one test.
final class TestServer {
    let server: HTTPServer
    let log = LogSink.capturing()
    let metrics = MetricsRegistry()

    init(
        _ configure: (inout Router) -> Void = { _ in }, behindTLS: Bool = false, maximumBodySize: Int = 1024,
        requestDeadline: Duration = .seconds(10), shutdownGrace: Duration = .seconds(5),
        healthCheck: (@Sendable () throws -> Void)? = nil
    ) throws {
        var router = Router()
        router.addOperationalRoutes(metrics: metrics, healthCheck: healthCheck)
        configure(&router)
        let configuration = HTTPServer.Configuration(
            address: ListenAddress(host: "127.0.0.1", port: 0), behindTLS: behindTLS,
            maximumBodySize: maximumBodySize, requestDeadline: requestDeadline, shutdownGrace: shutdownGrace)
        server = try HTTPServer(
            configuration: configuration, router: router, logger: Logger(label: "http", level: .info, sink: log),
            metrics: metrics)
    }

    deinit { server.stop() }

    func url(_ path: String) -> String { "http://127.0.0.1:\(server.port)\(path)" }

    /// Sends one request through the project's libcurl client, on a fresh connection.
    func send(
        _ method: HTTPMethod, _ path: String, headers: EcluseConnectors.HTTPHeaders = [:], body: [UInt8]? = nil
    ) throws -> HTTPResponse {
        try HTTPClient(configuration: .init(timeout: .seconds(20))).send(
            HTTPRequest(method, url: url(path), headers: headers, body: body))
    }

    func get(_ path: String, headers: EcluseConnectors.HTTPHeaders = [:]) throws -> HTTPResponse {
        try send(.get, path, headers: headers)
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Runs `work` on another thread and hands back its result, for requests that must be under
/// way while the test does something else (stop the server).
final class Background<Value: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let box = Mutex<Result<Value, any Error>?>(nil)

    init(_ work: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            let result = Result { try work() }
            box.withLock { $0 = result }
            done.signal()
        }
    }

    /// The result, or nil when `work` did not end within `seconds`.
    func wait(seconds: Double) -> Result<Value, any Error>? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return box.withLock { $0 }
    }
}

/// Waits until `condition` holds, at most `seconds`; says whether it did.
func waitFor(seconds: Double, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}
