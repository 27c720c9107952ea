import CMicroHTTPD
import Dispatch
import EcluseLogging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Ecluse's HTTP/1.1 server, on libmicrohttpd.
///
/// The library polls with epoll on its own thread pool; handlers run as Swift tasks while
/// their connection is suspended, so that a slow handler holds no library thread and a
/// request's deadline can answer for it. It listens from `init` until `stop()`.
///
/// Answers the library gives by itself (a malformed request, a head over the connection's
/// memory) carry neither the request id nor the security headers: a known gap.
public final class HTTPServer: Sendable {
    /// Limits and settings of one server.
    public struct Configuration: Sendable {
        public var address: ListenAddress
        /// TLS ends at a front (nginx) that forwards plain HTTP: answers then carry HSTS.
        public var behindTLS: Bool
        /// The largest request body read; a larger one is answered 413.
        public var maximumBodySize: Int
        /// How long a connection may stay idle (between requests, or in a stalled upload).
        public var connectionTimeout: Duration
        /// How long a handler may take before the client gets a 503 in its place.
        public var requestDeadline: Duration
        /// How long `stop()` lets requests under way finish.
        public var shutdownGrace: Duration
        /// The library's threads: each polls its own connections with epoll.
        public var threads: Int

        public init(
            address: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8080), behindTLS: Bool = false,
            maximumBodySize: Int = 1 << 20, connectionTimeout: Duration = .seconds(30),
            requestDeadline: Duration = .seconds(30), shutdownGrace: Duration = .seconds(10), threads: Int = 2
        ) {
            self.address = address
            self.behindTLS = behindTLS
            self.maximumBodySize = maximumBodySize
            self.connectionTimeout = connectionTimeout
            self.requestDeadline = requestDeadline
            self.shutdownGrace = shutdownGrace
            self.threads = threads
        }
    }

    /// The daemon's handle, sendable by hand: it is only touched under the lock, and the library
    /// allows `MHD_quiesce_daemon` and `MHD_stop_daemon` from any thread.
    private struct Daemon: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    public let configuration: Configuration
    /// The port listened on: the one asked for, or the one the system picked for port 0.
    public let port: UInt16
    private let context: ServerContext
    private let daemon: Mutex<Daemon?>
    /// Sweeps the requests past their deadline.
    private let deadlines: Mutex<(any DispatchSourceTimer)?>

    /// Starts listening; throws `HTTPServerError` when the address cannot be listened on.
    public init(
        configuration: Configuration, router: Router, logger: Logger, metrics: MetricsRegistry = MetricsRegistry()
    ) throws(HTTPServerError) {
        let address = try configuration.address.socketAddress()
        let context = ServerContext(configuration: configuration, router: router, logger: logger, metrics: metrics)
        let retained = Unmanaged.passRetained(context).toOpaque()
        let flags = cmhd_flags_epoll_pool_suspend() | (address.isIPv6 ? cmhd_flag_ipv6() : 0)
        let started = address.withPointer { socketAddress in
            cmhd_start_daemon(
                flags, configuration.address.port, socketAddress,
                { context, connection, url, method, _, uploadData, uploadSize, requestContext in
                    ServerCallbacks.access(context, connection, url, method, uploadData, uploadSize, requestContext)
                }, retained,
                { context, _, requestContext, _ in ServerCallbacks.completed(context, requestContext) }, retained,
                UInt32(max(1, configuration.connectionTimeout.components.seconds)), UInt32(configuration.threads),
                64 * 1024)
        }
        guard let started else {
            Unmanaged<ServerContext>.fromOpaque(retained).release()
            throw HTTPServerError(
                .cannotListen, "cannot listen on \(configuration.address): the port is taken or the address is not here"
            )
        }
        self.configuration = configuration
        self.context = context
        self.port = cmhd_bound_port(started)
        self.daemon = Mutex(Daemon(pointer: started))

        let sweep = DispatchSource.makeTimerSource(queue: .global())
        sweep.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100), leeway: .milliseconds(20))
        sweep.setEventHandler { @Sendable [context] in context.answerOverdue() }
        sweep.resume()
        self.deadlines = Mutex(sweep)
    }

    deinit { stop() }

    /// Stops accepting connections, lets requests under way finish within the grace period,
    /// then stops the library's threads. Answers given meanwhile close their connection.
    ///
    /// A handler still running when the grace period ends gets a 503 sent in its place. The
    /// second and later calls do nothing.
    public func stop() {
        guard
            let daemon = daemon.withLock({ daemon in
                defer { daemon = nil }; return daemon
            })
        else { return }
        context.stopping.store(true, ordering: .relaxed)
        let listening = MHD_quiesce_daemon(daemon.pointer)

        if !waitUntilIdle(for: configuration.shutdownGrace) {
            context.abandonPending()
            _ = waitUntilIdle(for: .seconds(1))
        }
        MHD_stop_daemon(daemon.pointer)
        deadlines.withLock { timer in
            timer?.cancel()
            timer = nil
        }
        // The library hands the listening socket back on quiesce; it is ours to close, after the stop.
        if listening >= 0 { close(listening) }
        Unmanaged.passUnretained(context).release()
    }

    /// Requests not yet answered; for tests and the stop.
    public var requestsInFlight: Int { context.inFlight.load(ordering: .relaxed) }

    private func waitUntilIdle(for bound: Duration) -> Bool {
        let end = ContinuousClock.now + bound
        while context.inFlight.load(ordering: .relaxed) > 0 {
            guard ContinuousClock.now < end else { return false }
            usleep(10_000)
        }
        return true
    }
}
