extension Router {
    /// Adds `/healthz` and `/metrics`, the two routes an operator's probes and Prometheus read.
    ///
    /// `/healthz` answers 200 `ok` when `healthCheck` (such as opening the store) passes, and
    /// 503 when it throws; the error's text is not shown, as it could name files or data.
    public mutating func addOperationalRoutes(
        metrics: MetricsRegistry, healthCheck: (@Sendable () throws -> Void)? = nil
    ) {
        get("/healthz") { _ in
            do {
                try healthCheck?()
                return .text("ok\n")
            } catch {
                return .text("unavailable\n", status: 503)
            }
        }
        get("/metrics") { _ in
            var response = Response.text(metrics.render())
            response.headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            return response
        }
    }
}
