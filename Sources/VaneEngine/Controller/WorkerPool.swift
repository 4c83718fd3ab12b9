public import Logging
public import Metrics
public import ServiceLifecycle
public import VaneModel

/// A `Service` that runs a fixed number of workers over a `WorkQueue`, each looping
/// `get → reconcile → done`, plus the queue's timer loop.
///
/// Graceful shutdown stops the queue handing out keys (`shutDownNow()`): rounds in progress
/// finish and record their outcome, then `run()` returns. Cancellation also cancels the
/// rounds in progress. Everything runs in one structured task group; no task outlives
/// `run()`.
public struct WorkerPool<R: Reconciler>: Service {
  /// How the pool runs.
  public struct Configuration: Sendable {
    /// How many rounds run at once. Workers are cheap tasks; thousands are fine.
    public var workers: Int
    /// The longest a round may take. A round that overruns is cancelled and its key retried
    /// with back-off. Nil means no limit.
    public var roundDeadline: Duration?

    /// Creates a configuration.
    public init(workers: Int = 8, roundDeadline: Duration? = nil) {
      self.workers = workers
      self.roundDeadline = roundDeadline
    }
  }

  /// The queue the workers take keys from.
  public let queue: WorkQueue<R.Key>
  /// The logic of a round.
  public let reconciler: R
  /// How the pool runs.
  public let configuration: Configuration
  let logger: Logger
  let clock: any WallClock
  let metrics: WorkerPoolMetrics

  /// Creates a pool.
  ///
  /// - Parameters:
  ///   - queue: The queue to take keys from.
  ///   - reconciler: The logic of a round.
  ///   - configuration: Worker count and round deadline.
  ///   - clock: The clock that measures rounds and their deadline.
  ///   - logger: Where failed rounds are logged (at debug level).
  ///   - metricsFactory: Where the pool's metrics are created.
  public init(
    queue: WorkQueue<R.Key>,
    reconciler: R,
    configuration: Configuration = Configuration(),
    clock: any WallClock = SystemClock(),
    logger: Logger = Logger(label: "vane.workers"),
    metricsFactory: any MetricsFactory = MetricsSystem.factory
  ) {
    self.queue = queue
    self.reconciler = reconciler
    self.configuration = configuration
    self.clock = clock
    self.logger = logger
    self.metrics = WorkerPoolMetrics(queue: queue.name, factory: metricsFactory)
  }

  /// Runs the workers until graceful shutdown, cancellation, or the queue shutting down.
  public func run() async {
    let queue = self.queue
    await withGracefulShutdownHandler {
      await withDiscardingTaskGroup { group in
        group.addTask { await queue.runTimers() }
        for _ in 0..<max(configuration.workers, 1) {
          group.addTask { await self.work() }
        }
      }
    } onGracefulShutdown: {
      queue.shutDownNow()
    }
    // After cancellation nobody takes keys any more; release anything still waiting.
    queue.shutDownNow()
  }

  /// One worker: takes keys until the queue returns nil.
  func work() async {
    while let key = await queue.get() {
      metrics.busy.increment()
      var outcome = ReconcileOutcome.done
      let elapsed = await clock.measure { outcome = await round(key) }
      metrics.roundLatency.recordNanoseconds(elapsed.nanoseconds)
      metrics.busy.decrement()
      metrics.count(outcome)
      switch outcome {
      case .done:
        queue.forget(key)
      case .wakeUp(let delay):
        queue.forget(key)
        queue.add(key, after: delay)
      case .retry(let error):
        logger.debug(
          "round failed; retrying with back-off",
          metadata: ["key": "\(key)", "error": "\(error)", "failures": "\(queue.failures(of: key))"])
        queue.addRateLimited(key)
      }
      queue.done(key)
    }
  }
}

extension Duration {
  /// The duration in whole nanoseconds, saturating at `Int64.max`.
  var nanoseconds: Int64 {
    let (seconds, attoseconds) = components
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if overflow { return seconds < 0 ? .min : .max }
    return scaled &+ attoseconds / 1_000_000_000
  }
}
