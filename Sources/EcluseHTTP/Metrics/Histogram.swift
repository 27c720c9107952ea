import Synchronization

/// Observations counted in cumulative buckets, with their sum and count, per set of labels.
public final class Histogram: MetricFamily {
    /// Bucket bounds in seconds, from 5 ms to 10 s: a page, a feed, a download.
    public static let durationBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// What one set of labels has seen: a count per bucket (not yet cumulative), sum, count.
    private struct Series {
        var buckets: [UInt64]
        var sum: Double = 0
        var count: UInt64 = 0
    }

    let name: String
    let help: String
    let kind = "histogram"
    private let labelNames: [String]
    private let bounds: [Double]
    private let series = Mutex<[[String]: Series]>([:])

    init(name: String, help: String, labels: [String], buckets: [Double]) {
        precondition(!labels.contains("le"), "`le` is the histogram's own label")
        self.name = name
        self.help = help
        self.labelNames = labels
        self.bounds = buckets.sorted()
    }

    public func observe(_ value: Double, labels: [String] = []) {
        precondition(labels.count == labelNames.count, "\(name) takes the labels \(labelNames)")
        let index = bounds.firstIndex { value <= $0 } ?? bounds.count
        series.withLock { all in
            var entry = all[labels] ?? Series(buckets: Array(repeating: 0, count: bounds.count + 1))
            entry.buckets[index] += 1
            entry.sum += value
            entry.count += 1
            all[labels] = entry
        }
    }

    /// How many observations `labels` has had.
    public func count(labels: [String] = []) -> UInt64 {
        series.withLock { $0[labels]?.count ?? 0 }
    }

    func render(into text: inout String) {
        let snapshot = series.withLock { $0 }
        for key in snapshot.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let entry = snapshot[key] else { continue }
            var cumulative: UInt64 = 0
            for (index, bound) in (bounds + [.infinity]).enumerated() {
                cumulative += entry.buckets[index]
                let labels = PrometheusText.labels(labelNames, key, extra: ("le", PrometheusText.number(bound)))
                text += "\(name)_bucket\(labels) \(cumulative)\n"
            }
            let labels = PrometheusText.labels(labelNames, key)
            text += "\(name)_sum\(labels) \(entry.sum)\n"
            text += "\(name)_count\(labels) \(entry.count)\n"
        }
    }
}
