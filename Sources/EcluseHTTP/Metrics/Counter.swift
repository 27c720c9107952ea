import Synchronization

/// A metric that only goes up, one value per set of label values.
public final class Counter: MetricFamily {
    let name: String
    let help: String
    let kind = "counter"
    private let labelNames: [String]
    private let values = Mutex<[[String]: Double]>([:])

    init(name: String, help: String, labels: [String]) {
        self.name = name
        self.help = help
        self.labelNames = labels
    }

    /// Adds `amount` (1 by default) to the value for `labels`, given in the registered order.
    public func increment(by amount: Double = 1, labels: [String] = []) {
        precondition(labels.count == labelNames.count, "\(name) takes the labels \(labelNames)")
        precondition(amount >= 0, "a counter only goes up")
        values.withLock { $0[labels, default: 0] += amount }
    }

    /// The current value for `labels`, 0 when never incremented.
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
