// The controller's plumbing lives in this folder: the work queue, the worker pool and the
// informer. None of it knows what a workflow is; the logic of a round lives behind
// `Reconciler`, so these types can be tested with scripted reconcilers and a manual clock.

public import Metrics
import Synchronization
import VaneModel

/// A queue of keys to reconcile with the semantics of Kubernetes' client-go work queue:
///
/// - keys come out in the order they went in (FIFO);
/// - a key is queued at most once, however often it is added;
/// - a key is never handed to two workers at once: a key added while a worker processes it is
///   queued again when that worker calls `done(_:)`;
/// - `add(_:after:)` adds a key later (the earliest pending deadline of a key wins);
/// - `addRateLimited(_:)` adds a key after a per-key exponential back-off, `forget(_:)` resets
///   it.
///
/// Every `get()` must be paired with a `done(_:)` for the key it returned. Delayed adds need
/// `runTimers()` to be running (the `WorkerPool` runs it).
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
  typealias Machine = StateMachine<QueueInstant>

  /// Where a suspended getter stands.
  enum GetterSlot {
    /// The getter has suspended; resume it with a key or nil.
    case waiting(CheckedContinuation<Key?, Never>)
    /// The answer arrived before the getter suspended.
    case ready(Key?)
  }

  struct State {
    var machine: Machine
    var getters: [UInt64: GetterSlot] = [:]
    var nextWaiterID: UInt64 = 0
    var timerWaiter: CheckedContinuation<Void, Never>?
    var timerSignalled = false
    var timerLoopRunning = false
  }

  /// The queue's name, used as the `queue` dimension of its metrics.
  public let name: String
  let state: Mutex<State>
  let time: QueueTime
  let metrics: WorkQueueMetrics

  /// Creates a queue reading time from `clock`.
  ///
  /// - Parameters:
  ///   - name: A name for metrics and logs.
  ///   - backoff: The per-key back-off of `addRateLimited(_:)`.
  ///   - clock: The clock for delayed adds; a manual clock in tests.
  ///   - metricsFactory: Where the queue's metrics are created.
  public init<C: Clock>(
    name: String = "default",
    backoff: ExponentialBackoff = ExponentialBackoff(),
    clock: C,
    metricsFactory: any MetricsFactory = MetricsSystem.factory
  ) where C.Duration == Duration {
    self.name = name
    self.state = Mutex(State(machine: Machine(backoff: backoff)))
    self.time = QueueTime(clock)
    self.metrics = WorkQueueMetrics(queue: name, factory: metricsFactory)
  }

  /// Creates a queue on the system clock.
  public convenience init(
    name: String = "default",
    backoff: ExponentialBackoff = ExponentialBackoff(),
    metricsFactory: any MetricsFactory = MetricsSystem.factory
  ) {
    self.init(name: name, backoff: backoff, clock: SystemClock(), metricsFactory: metricsFactory)
  }

  // MARK: Adding

  /// Adds a key now. Does nothing once the queue is shutting down.
  public func add(_ key: Key) {
    apply(state.withLock { $0.add($0.machine.add(key)) })
  }

  /// Adds a key once `delay` has passed; a zero or negative delay adds it now.
  public func add(_ key: Key, after delay: Duration) {
    let now = delay > .zero ? time.now() : QueueInstant(offset: .zero)
    apply(state.withLock { $0.add($0.machine.add(key, after: delay, now: now)) })
  }

  /// Adds a key after its back-off delay: 5 ms after the first failure, doubling with each
  /// further failure up to the cap, until `forget(_:)` is called.
  public func addRateLimited(_ key: Key) {
    let now = time.now()
    metrics.retries.increment()
    apply(state.withLock { $0.add($0.machine.addRateLimited(key, now: now)) })
  }

  /// Resets the back-off of a key; call it when a key was processed successfully.
  public func forget(_ key: Key) {
    state.withLock { $0.machine.forget(key) }
  }

  /// How many consecutive times the key went through `addRateLimited(_:)` since `forget(_:)`.
  public func failures(of key: Key) -> Int {
    state.withLock { $0.machine.failureCount(of: key) }
  }

  // MARK: Processing

  /// Returns the next key to process, suspending until one is queued.
  ///
  /// Returns nil once the queue is shut down and drained (at once after `shutDownNow()`), or
  /// when the calling task is cancelled.
  public func get() async -> Key? {
    if Task.isCancelled { return nil }
    let (waiter, action, depth) = state.withLock { state in
      let waiter = state.nextWaiterID
      state.nextWaiterID &+= 1
      return (waiter, state.machine.get(waiter), state.machine.depth)
    }
    switch action {
    case .key(let key):
      metrics.recordDepth(depth)
      return key
    case .shutDown:
      return nil
    case .wait:
      return await suspend(waiter)
    }
  }

  /// Marks a key returned by `get()` as processed. If it was added meanwhile, it is queued
  /// again.
  public func done(_ key: Key) {
    let handoff: (CheckedContinuation<Key?, Never>, Key)? = state.withLock { state in
      guard case .resume(let waiter, let next) = state.machine.done(key) else { return nil }
      return state.deliver(next, to: waiter).map { ($0, next) }
    }
    if let (continuation, next) = handoff { continuation.resume(returning: next) }
  }

  // MARK: Shutdown

  /// Stops accepting keys; keys already queued are still handed out, then `get()` returns
  /// nil. Delayed keys are dropped.
  public func shutDown() {
    shutDown(drain: true)
  }

  /// Stops accepting keys and drops everything queued or delayed; `get()` returns nil at once.
  /// Keys being processed still need `done(_:)`, which no longer re-queues them.
  public func shutDownNow() {
    shutDown(drain: false)
  }

  /// Whether `shutDown()` or `shutDownNow()` was called.
  public var isShuttingDown: Bool {
    state.withLock { $0.machine.lifecycle != .running }
  }

  /// The number of keys queued and ready to be handed out (client-go's `Len`).
  public var count: Int {
    state.withLock { $0.machine.depth }
  }

  /// The number of keys waiting for a deadline.
  public var delayedCount: Int {
    state.withLock { $0.machine.delayedCount }
  }

  /// The number of keys being processed.
  public var processingCount: Int {
    state.withLock { $0.machine.processingCount }
  }

  /// The number of `get()` callers suspended until a key comes.
  public var suspendedGetterCount: Int {
    state.withLock { state in
      state.getters.values.count { slot in
        if case .waiting = slot { return true }
        return false
      }
    }
  }

  private func shutDown(drain: Bool) {
    let (getters, timer) = state.withLock { state in
      let action = state.machine.shutDown(drain: drain)
      let getters = action.waiters.compactMap { state.deliver(nil, to: $0) }
      let timer = action.wakeTimer ? state.signalTimer() : nil
      return (getters, timer)
    }
    for getter in getters { getter.resume(returning: nil) }
    timer?.resume()
    metrics.recordDepth(count)
  }
}
