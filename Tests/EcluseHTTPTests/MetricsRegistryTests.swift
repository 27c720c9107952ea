import EcluseHTTP
import Testing

@Suite("Metrics in Prometheus' text format")
struct MetricsRegistryTests {
    @Test func countersRenderWithHelpTypeAndEscapedLabels() {
        let registry = MetricsRegistry()
        let copies = registry.counter("ecluse_copies_total", help: "Copies written.", labels: ["destination"])
        copies.increment(labels: ["team-folder"])
        copies.increment(by: 2, labels: ["odd \"name\"\\x"])

        let text = registry.render()

        #expect(text.contains("# HELP ecluse_copies_total Copies written.\n# TYPE ecluse_copies_total counter\n"))
        #expect(text.contains("ecluse_copies_total{destination=\"team-folder\"} 1\n"))
        #expect(text.contains(#"ecluse_copies_total{destination="odd \"name\"\\x"} 2"#))
    }

    @Test func gaugesAreSetOrReadAtScrapeTime() {
        let registry = MetricsRegistry()
        registry.gauge("ecluse_deadlines_pending", help: "Deadlines not yet passed.") { 7 }
        let runs = registry.gauge("ecluse_sync_running", help: "Syncs under way.")
        runs.set(1)
        runs.add(-1)

        let text = registry.render()

        #expect(text.contains("# TYPE ecluse_deadlines_pending gauge\necluse_deadlines_pending 7\n"))
        #expect(text.contains("ecluse_sync_running 0\n"))
    }

    @Test func histogramBucketsAreCumulativeWithSumAndCount() {
        let registry = MetricsRegistry()
        let durations = registry.histogram("ecluse_test_seconds", help: "Test.", labels: ["route"], buckets: [0.1, 1])
        durations.observe(0.05, labels: ["/a"])
        durations.observe(0.5, labels: ["/a"])
        durations.observe(5, labels: ["/a"])

        let text = registry.render()

        #expect(text.contains("ecluse_test_seconds_bucket{route=\"/a\",le=\"0.1\"} 1\n"))
        #expect(text.contains("ecluse_test_seconds_bucket{route=\"/a\",le=\"1\"} 2\n"))
        #expect(text.contains("ecluse_test_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3\n"))
        #expect(text.contains("ecluse_test_seconds_sum{route=\"/a\"} 5.55\n"))
        #expect(text.contains("ecluse_test_seconds_count{route=\"/a\"} 3\n"))
        #expect(durations.count(labels: ["/a"]) == 3)
    }
}
