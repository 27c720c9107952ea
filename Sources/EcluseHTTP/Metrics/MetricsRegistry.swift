import Synchronization

/// The process's metrics, served at `/metrics` in Prometheus' text format (version 0.0.4).
///
/// Any part of Ecluse registers what it counts (HTTP requests, sync runs, copies per
/// destination, deadlines pending) and keeps the returned metric to update it; updates and
/// scrapes may come from any thread. Label values must never be personal data or secrets:
/// name a route template, a destination, a status, never a path or a subject.
public final class MetricsRegistry: Sendable {
    private let families = Mutex<[any MetricFamily]>([])
    private let refreshers = Mutex<[@Sendable () -> Void]>([])

    public init() {}

    /// A counter that only goes up, such as requests served.
    public func counter(_ name: String, help: String, labels: [String] = []) -> Counter {
        register(Counter(name: name, help: help, labels: labels))
    }

    /// A value that goes up and down, set by its owner.
    public func gauge(_ name: String, help: String, labels: [String] = []) -> Gauge {
        register(Gauge(name: name, help: help, labels: labels))
    }

    /// A gauge read at each scrape, for values another part already keeps (deadlines pending).
    public func gauge(_ name: String, help: String, reading: @escaping @Sendable () -> Double) {
        _ = register(ReadGauge(name: name, help: help, reading: reading))
    }

    /// Runs `refresh` before each scrape, to set labelled gauges from what another part keeps
    /// (copies per destination, read from the store).
    public func beforeEachScrape(_ refresh: @escaping @Sendable () -> Void) {
        refreshers.withLock { $0.append(refresh) }
    }

    /// Observations counted in buckets, such as request durations in seconds.
    public func histogram(
        _ name: String, help: String, labels: [String] = [], buckets: [Double] = Histogram.durationBuckets
    ) -> Histogram {
        register(Histogram(name: name, help: help, labels: labels, buckets: buckets))
    }

    /// Every metric, in the order they were registered, as the text exposition format.
    public func render() -> String {
        for refresh in refreshers.withLock({ $0 }) { refresh() }
        let snapshot = families.withLock { $0 }
        var text = ""
        for family in snapshot {
            text += "# HELP \(family.name) \(PrometheusText.escapeHelp(family.help))\n"
            text += "# TYPE \(family.name) \(family.kind)\n"
            family.render(into: &text)
        }
        return text
    }

    /// Two metrics with one name would make the exposition invalid; that is a programming error.
    private func register<Family: MetricFamily>(_ family: Family) -> Family {
        precondition(PrometheusText.isValidName(family.name), "not a Prometheus metric name: \(family.name)")
        families.withLock { families in
            precondition(!families.contains { $0.name == family.name }, "metric registered twice: \(family.name)")
            families.append(family)
        }
        return family
    }
}

/// One named metric with its samples.
protocol MetricFamily: Sendable {
    var name: String { get }
    var help: String { get }
    /// `counter`, `gauge` or `histogram`, as the `# TYPE` line says.
    var kind: String { get }
    func render(into text: inout String)
}
