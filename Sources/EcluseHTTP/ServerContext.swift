import CMicroHTTPD
import Dispatch
import EcluseLogging
import Synchronization

/// Everything the C callbacks need, handed to them through `Unmanaged` as their context.
///
/// It outlives the daemon: the server retains it when it starts the daemon and releases it
/// only after `MHD_stop_daemon` has returned, when no callback can run any more.
final class ServerContext: Sendable {
    let configuration: HTTPServer.Configuration
    let router: Router
    let logger: Logger
    let requests: Counter
    let durations: Histogram
    /// Where handlers run; concurrent, so that one slow handler does not hold the others.
    private let handlers = DispatchQueue(label: "ecluse.http.handlers", qos: .userInitiated, attributes: .concurrent)

    /// Requests between the access handler's first call and the request-completed callback.
    let inFlight = Atomic(0)
    /// Set when `stop()` begins: answers then close their connection.
    let stopping = Atomic(false)
    /// Answers still awaited from a handler, so that a stop can give up on them.
    private let pending = Mutex<[ObjectIdentifier: Awaited]>([:])

    /// An awaited answer, with what a stop needs to shape the answer it gives instead.
    private struct Awaited {
        var answer: PendingAnswer
        var path: String
        var requestID: String
        var deadline: ContinuousClock.Instant
    }

    init(configuration: HTTPServer.Configuration, router: Router, logger: Logger, metrics: MetricsRegistry) {
        self.configuration = configuration
        self.router = router
        self.logger = logger
        requests = metrics.counter(
            "ecluse_http_requests_total", help: "HTTP requests answered, by route template, method and status.",
            labels: ["route", "method", "status"])
        durations = metrics.histogram(
            "ecluse_http_request_duration_seconds",
            help: "Time from a request's first byte to its answer's last, by route template.", labels: ["route"])
    }

    /// Runs the handler away from the library's threads, with the connection suspended until an
    /// answer is given: by the handler, or by the deadline.
    func dispatch(_ state: RequestState, on connection: OpaquePointer) {
        let match = router.match(method: state.method, path: state.path)
        guard case .found(let handler, let route, let parameters) = match else {
            if case .problem(let problem) = match { dispatch(state, on: connection, answering: problem) }
            return
        }
        state.route = route
        let request = state.request(route: route, parameters: parameters)
        let answer = PendingAnswer(connection: connection)
        state.answer = answer
        awaitAnswer(answer, for: state)
        MHD_suspend_connection(connection)

        let logger = self.logger
        handlers.async {
            do {
                answer.give(try handler(request))
            } catch {
                if !(error is HTTPProblem) {
                    // The error's text may hold personal data: only its type is logged.
                    logger.error(
                        "handler failed",
                        metadata: ["request_id": .plain(request.id), "error_type": .plain("\(type(of: error))")])
                }
                answer.give(ProblemResponder.response(for: error, path: request.path, requestID: request.id))
            }
        }
    }

    /// Answers a problem found before any handler ran (404, 405, 413) the same suspended way,
    /// so that the answer is queued on a later call and keep-alive holds.
    func dispatch(_ state: RequestState, on connection: OpaquePointer, answering problem: HTTPProblem) {
        let answer = PendingAnswer(connection: connection)
        state.answer = answer
        awaitAnswer(answer, for: state)
        MHD_suspend_connection(connection)
        answer.give(ProblemResponder.response(for: problem, path: state.path, requestID: state.id))
    }

    private func awaitAnswer(_ answer: PendingAnswer, for state: RequestState) {
        let awaited = Awaited(
            answer: answer, path: state.path, requestID: state.id,
            deadline: ContinuousClock.now + configuration.requestDeadline)
        pending.withLock { $0[ObjectIdentifier(answer)] = awaited }
    }

    /// Takes the given answer of a resumed request and queues it.
    func queueAnswer(of state: RequestState, on connection: OpaquePointer) -> MHD_Result {
        guard let answer = state.answer else { return .NO }
        pending.withLock { $0[ObjectIdentifier(answer)] = nil }
        guard let response = answer.take() else { return .NO }
        return queue(response, for: state, on: connection)
    }

    /// Adds the headers every answer carries and hands the answer to the library.
    func queue(_ response: Response, for state: RequestState, on connection: OpaquePointer) -> MHD_Result {
        var headers = response.headers
        SecurityHeaders.apply(to: &headers, requestID: state.id, behindTLS: configuration.behindTLS)
        if stopping.load(ordering: .relaxed) { headers.set("Connection", "close") }

        let body = response.body
        let created = body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(
                bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
        }
        guard let created else { return .NO }
        defer { MHD_destroy_response(created) }
        for field in headers where MHD_add_response_header(created, field.name, field.value) != .YES {
            logger.debug("header refused by libmicrohttpd", metadata: ["header": .plain(field.name)])
        }
        state.queued = (response.status, body.count)
        return MHD_queue_response(connection, UInt32(response.status), created)
    }

    /// Writes the access log line and the metrics of a finished request.
    ///
    /// The line names the route template, never the path (feed tokens and ids are in paths),
    /// and carries no query, header, body or address.
    func complete(_ state: RequestState) {
        // A client gone while its request was suspended skips the queuing call: forget it here.
        if let answer = state.answer { pending.withLock { $0[ObjectIdentifier(answer)] = nil } }
        let seconds = (ContinuousClock.now - state.started).seconds
        let method = Self.methodLabel(state.method)
        guard let (status, bytes) = state.queued else {
            logger.debug("request ended without an answer", metadata: ["request_id": .plain(state.id)])
            return
        }
        requests.increment(labels: [state.route, method, String(status)])
        durations.observe(seconds, labels: [state.route])
        logger.info(
            "request",
            metadata: [
                "method": .plain(method), "route": .plain(state.route), "status": .plain(String(status)),
                "bytes": .plain(String(bytes)), "duration_ms": .plain(String((seconds * 10_000).rounded() / 10)),
                "request_id": .plain(state.id),
            ])
    }

    /// Gives a 503 to the requests whose handler passed the deadline; the server's timer calls
    /// this a few times a second. One sweep replaces a timer per request, which at thousands of
    /// requests a second would keep a deadline's worth of timers alive.
    func answerOverdue() {
        let now = ContinuousClock.now
        let overdue = pending.withLock { $0.values.filter { $0.deadline <= now } }
        let problem = HTTPProblem(503, detail: "the request took longer than the server allows")
        for entry in overdue {
            entry.answer.give(ProblemResponder.response(for: problem, path: entry.path, requestID: entry.requestID))
        }
    }

    /// Gives every awaited answer a 503 now, for a stop that cannot wait any longer.
    func abandonPending() {
        let awaited = pending.withLock { Array($0.values) }
        let problem = HTTPProblem(503, detail: "the server is stopping")
        for entry in awaited {
            entry.answer.give(ProblemResponder.response(for: problem, path: entry.path, requestID: entry.requestID))
        }
    }

    /// The method as a label: the common ones as they are, anything else as `OTHER`, so that a
    /// client cannot grow the metrics or write arbitrary text into the log.
    static func methodLabel(_ method: String) -> String {
        let known: Set = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
        return known.contains(method) ? method : "OTHER"
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
