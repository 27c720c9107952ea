import EcluseAPI
import EcluseCore
import EcluseFeeds
import EcluseHTTP
import EcluseLogging
import EcluseStore
import EcluseWeb
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `ecluse serve`: the HTTP server, until SIGTERM or SIGINT.
struct ServeCommand: Command {
    static let name = ["serve"]
    static let summary = "serve the web pages, JSON API, calendar feeds, health and metrics over HTTP, until stopped"
    static let help = """
        Usage: ecluse serve [--listen HOST:PORT] [--behind-tls]

        Answers HTTP on HOST:PORT (default 127.0.0.1:8080; port 0 takes a free port) and prints
        one line with the address it listens on. SIGTERM or SIGINT stop it: it takes no new
        connection, lets the requests under way finish (10 seconds at most) and exits 0.

        It serves the web pages (log in at /login with an account from `ecluse user add`; see
        docs/web.md), the JSON API under /api/v1 (bearer tokens: see `ecluse token add` and
        docs/api.md), /feeds/TOKEN.ics (each user's calendar feed: see `ecluse feed issue`),
        /healthz (200 while the store opens, 503 otherwise) and /metrics (Prometheus' text
        format). The data folder's policy.yaml is read again whenever it changes.

        Each request is logged at info (--log-level info) with its route, status, size,
        duration and request id; never its path, query, headers, body or address.

        TLS ends at a front such as nginx: --behind-tls says so, and every answer then carries
        Strict-Transport-Security and session cookies are Secure. Listen on 127.0.0.1 behind
        the front. See docs/http.md.
        """
    static let valuedOptions: Set<String> = ["listen"]
    static let flags: Set<String> = ["behind-tls"]

    let address: ListenAddress
    let behindTLS: Bool

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else { throw CLIError.usage("serve takes no operands", command: "serve") }
        let text = arguments.value("listen") ?? "127.0.0.1:8080"
        guard let address = ListenAddress(parsing: text) else {
            throw CLIError.usage(
                "--listen takes HOST:PORT with a numeric address, such as 127.0.0.1:8080 or [::1]:8080",
                command: "serve")
        }
        self.address = address
        behindTLS = arguments.flag("behind-tls")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        // First, so that a SIGTERM sent as the process starts is a clean stop too.
        let stop = StopSignal()
        _ = try context.store()
        let databasePath = context.databasePath
        // Read again whenever the file changes; a change that does not load leaves the last one.
        let policy = ReloadingPolicy(context: context)
        _ = try policy.current()
        let web = try WebApp(
            configuration: .init(
                storePath: databasePath, policy: { try policy.snapshot() }, behindTLS: behindTLS,
                clock: context.clock),
            logger: context.logger.with("component", "web"))
        defer { web.close() }

        // One registry for the process; later parts (sync runs, deadlines) register into it.
        let metrics = MetricsRegistry()
        var router = Router()
        router.addOperationalRoutes(metrics: metrics) {
            let store = try SQLiteStore(path: databasePath)
            store.close()
        }
        Self.addStoreMetrics(to: metrics, databasePath: databasePath, policy: policy)
        router.addFeedRoutes(
            FeedService(
                databasePath: databasePath, policy: { try policy.current() }, clock: context.clock,
                logger: context.logger.with("component", "feeds")))
        router.addAPIRoutes(
            APIService(
                databasePath: databasePath, policy: { try policy.current() }, clock: context.clock,
                logger: context.logger.with("component", "api")))
        web.addRoutes(to: &router)
        let server: HTTPServer
        do {
            server = try HTTPServer(
                configuration: .init(address: address, behindTLS: behindTLS), router: router,
                logger: context.logger.with("component", "http"), metrics: metrics)
        } catch {
            throw CLIError(
                "\(error)", fix: "choose another address with --listen, or stop the process that holds the port",
                exitCode: .failure)
        }
        let listening = ListenAddress(host: address.host, port: server.port)
        context.output.line("listening on http://\(listening)")
        context.output.flush()

        while !stop.requested { usleep(100_000) }
        server.stop()
        context.output.line("stopped")
        return .success
    }

    /// Gauges read from the store at each scrape: copies per destination, copies whose
    /// appointment details still wait for their deadline, sync runs, ledger entries.
    private static func addStoreMetrics(to metrics: MetricsRegistry, databasePath: String, policy: ReloadingPolicy) {
        let copies = metrics.gauge(
            "ecluse_copies", help: "Copies Ecluse keeps at each destination.", labels: ["destination"])
        let pending = metrics.gauge(
            "ecluse_deadlines_pending",
            help: "Calendar events still carrying contact details, to be erased at their deadline.",
            labels: ["destination"])
        let runs = metrics.gauge("ecluse_sync_runs", help: "Syncs run on this data folder, by any process.")
        let entries = metrics.gauge("ecluse_ledger_entries", help: "Entries in the ledger.")
        metrics.beforeEachScrape {
            guard let store = try? SQLiteStore(path: databasePath) else { return }
            defer { store.close() }
            guard let figures = try? store.figures() else { return }
            let events = Set((try? policy.current())?.destinations.filter { $0.items == .events }.map(\.name) ?? [])
            for (destination, count) in figures.copies {
                copies.set(Double(count.all), labels: [destination])
                if events.contains(destination) { pending.set(Double(count.carrying), labels: [destination]) }
            }
            runs.set(Double(figures.syncRuns))
            entries.set(Double(figures.ledgerEntries))
        }
    }
}
