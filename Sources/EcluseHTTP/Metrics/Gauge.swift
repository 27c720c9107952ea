import Synchronization

/// A metric that goes up and down, one value per set of label values.
public final class Gauge: MetricFamily {
    let name: String
    let help: String
    let kind = "gauge"
    private let labelNames: [String]
    private let values = Mutex<[[String]: Double]>([:])

    init(name: String, help: String, labels: [String]) {
        self.name = name
        self.help = help
        self.labelNames = labels
    }

    public func set(_ value: Double, labels: [String] = []) {
        precondition(labels.count == labelNames.count, "\(name) takes the labels \(labelNames)")
        values.withLock { $0[labels] = value }
    }

    public func add(_ amount: Double, labels: [String] = []) {
        precondition(labels.count == labelNames.count, "\(name) takes the labels \(labelNames)")
        values.withLock { $0[labels, default: 0] += amount }
    }

    public func value(labels: [String] = []) -> Double {
        values.withLock { $0[labels] ?? 0 }
    }

    func render(into text: inout String) {
        let snapshot = values.withLock { $0 }
        for key in snapshot.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            text += "\(name)\(PrometheusText.labels(labelNames, key)) \(PrometheusText.number(snapshot[key] ?? 0))\n"
        }
    }
}

/// A gauge without labels whose value is read when the metrics are scraped.
final class ReadGauge: MetricFamily {
    let name: String
    let help: String
    let kind = "gauge"
    private let reading: @Sendable () -> Double

    init(name: String, help: String, reading: @escaping @Sendable () -> Double) {
        self.name = name
        self.help = help
        self.reading = reading
    }

    func render(into text: inout String) {
        text += "\(name) \(PrometheusText.number(reading()))\n"
    }
}
