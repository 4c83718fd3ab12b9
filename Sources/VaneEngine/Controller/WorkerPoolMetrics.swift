import Metrics

/// The metrics of one worker pool, labelled with its queue's name.
struct WorkerPoolMetrics: Sendable {
  /// `vane_workers_busy`: workers running a round.
  let busy: Meter
  /// `vane_reconcile_round_duration`: how long rounds take.
  let roundLatency: Timer
  /// `vane_reconcile_rounds_total{outcome=done}`.
  let done: Counter
  /// `vane_reconcile_rounds_total{outcome=requeue}`.
  let requeued: Counter
  /// `vane_reconcile_rounds_total{outcome=retry}`.
  let retried: Counter

  init(queue: String, factory: any MetricsFactory) {
    let dimensions = [("queue", queue)]
    busy = Meter(label: "vane_workers_busy", dimensions: dimensions, factory: factory)
    roundLatency = Timer(label: "vane_reconcile_round_duration", dimensions: dimensions, factory: factory)
    func rounds(_ outcome: String) -> Counter {
      Counter(label: "vane_reconcile_rounds_total", dimensions: dimensions + [("outcome", outcome)], factory: factory)
    }
    done = rounds("done")
    requeued = rounds("requeue")
    retried = rounds("retry")
  }

  func count(_ outcome: ReconcileOutcome) {
    switch outcome {
    case .done: done.increment()
    case .wakeUp: requeued.increment()
    case .retry: retried.increment()
    }
  }
}
