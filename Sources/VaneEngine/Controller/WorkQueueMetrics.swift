import Metrics

/// The metrics of one work queue, labelled with its name.
struct WorkQueueMetrics: Sendable {
  /// `vane_workqueue_depth`: keys queued and ready.
  let depth: Gauge
  /// `vane_workqueue_adds_total`: keys added (duplicates of a queued key not counted).
  let adds: Counter
  /// `vane_workqueue_retries_total`: keys added through `addRateLimited`.
  let retries: Counter

  init(queue: String, factory: any MetricsFactory) {
    let dimensions = [("queue", queue)]
    depth = Gauge(label: "vane_workqueue_depth", dimensions: dimensions, factory: factory)
    adds = Counter(label: "vane_workqueue_adds_total", dimensions: dimensions, factory: factory)
    retries = Counter(label: "vane_workqueue_retries_total", dimensions: dimensions, factory: factory)
  }

  func recordDepth(_ value: Int) {
    depth.record(value)
  }
}
