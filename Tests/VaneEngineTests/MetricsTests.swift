import CoreMetrics
import Synchronization
import Testing
import VaneEngine
import VaneTesting

/// A metrics factory that keeps the last value and the running total of every metric.
final class RecordingMetrics: MetricsFactory {
  final class Handler: CounterHandler, FloatingPointCounterHandler, RecorderHandler, MeterHandler,
    TimerHandler
  {
    private let state = Mutex((last: 0.0, total: 0.0, samples: 0))
    var last: Double { state.withLock { $0.last } }
    var total: Double { state.withLock { $0.total } }
    var samples: Int { state.withLock { $0.samples } }

    private func put(_ value: Double, adding: Bool) {
      state.withLock { state in
        state.total = adding ? state.total + value : state.total
        state.last = adding ? state.total : value
        state.samples += 1
      }
    }
    func increment(by amount: Int64) { put(Double(amount), adding: true) }
    func increment(by amount: Double) { put(amount, adding: true) }
    func decrement(by amount: Double) { put(-amount, adding: true) }
    func reset() { state.withLock { $0 = (0, 0, 0) } }
    func record(_ value: Int64) { put(Double(value), adding: false) }
    func record(_ value: Double) { put(value, adding: false) }
    func set(_ value: Int64) { put(Double(value), adding: false) }
    func set(_ value: Double) { put(value, adding: false) }
    func recordNanoseconds(_ duration: Int64) { put(Double(duration), adding: false) }
  }

  private let handlers = Mutex([String: Handler]())

  /// The handler of a metric, by label and its dimensions as `key=value` joined with commas.
  func handler(_ label: String, _ dimensions: String) -> Handler? {
    handlers.withLock { $0["\(label){\(dimensions)}"] }
  }

  private func make(_ label: String, _ dimensions: [(String, String)]) -> Handler {
    let name = "\(label){\(dimensions.map { "\($0)=\($1)" }.joined(separator: ","))}"
    return handlers.withLock { handlers in
      if let existing = handlers[name] { return existing }
      let handler = Handler()
      handlers[name] = handler
      return handler
    }
  }

  func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
    make(label, dimensions)
  }
  func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
    make(label, dimensions)
  }
  func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
    make(label, dimensions)
  }
  func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
    make(label, dimensions)
  }
  func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
    make(label, dimensions)
  }
  func destroyCounter(_ handler: any CounterHandler) {}
  func destroyMeter(_ handler: any MeterHandler) {}
  func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
  func destroyRecorder(_ handler: any RecorderHandler) {}
  func destroyTimer(_ handler: any TimerHandler) {}
}

@Suite("Controller metrics")
struct MetricsTests {
  @Test func theQueueReportsDepthAddsAndRetries() async {
    let metrics = RecordingMetrics()
    let queue = WorkQueue<String>(name: "q", metricsFactory: metrics)
    queue.add("a")
    queue.add("a")
    queue.add("b")
    #expect(metrics.handler("vane_workqueue_depth", "queue=q")?.last == 2)
    #expect(metrics.handler("vane_workqueue_adds_total", "queue=q")?.total == 2)
    _ = await queue.get()
    #expect(metrics.handler("vane_workqueue_depth", "queue=q")?.last == 1)
    queue.addRateLimited("a")
    #expect(metrics.handler("vane_workqueue_retries_total", "queue=q")?.total == 1)
  }

  @Test func thePoolReportsRoundsLatencyAndBusyWorkers() async throws {
    let metrics = RecordingMetrics()
    let queue = WorkQueue<Int>(name: "p", metricsFactory: metrics)
    let reconciler = ScriptedReconciler()
    let pool = WorkerPool(queue: queue, reconciler: reconciler, metricsFactory: metrics)
    try await withThrowingTaskGroup { tasks in
      tasks.addTask { await pool.run() }
      for key in 0..<10 { queue.add(key) }
      try await eventually("ten rounds") {
        metrics.handler("vane_reconcile_rounds_total", "queue=p,outcome=done")?.total == 10
      }
      tasks.cancelAll()
    }
    #expect(metrics.handler("vane_reconcile_round_duration", "queue=p")?.samples == 10)
    let busy = try #require(metrics.handler("vane_workers_busy", "queue=p"))
    #expect(busy.samples == 20)
    #expect(busy.last == 0)
  }
}
