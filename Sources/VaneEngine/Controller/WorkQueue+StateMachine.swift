extension WorkQueue {
  /// The pure state of a work queue: no locks, no clocks, no continuations. Every operation
  /// takes the current time as an argument and returns what the caller must do afterwards
  /// (hand a key to a waiting getter, wake the timer loop).
  ///
  /// A key moves through these sets:
  ///
  ///     add ──▶ dirty+queued ──get──▶ processing ──done──▶ (gone)
  ///                 ▲                   │    ▲
  ///                 │          add ─────┘    │ done while dirty
  ///                 └────────────────────────┘ (re-queued)
  ///
  ///     add(after:) ──▶ delayed ──deadline──▶ add
  ///
  /// Lifecycle: `running` ──shutDown──▶ `draining` (queued keys are still handed out, then
  /// getters get nil) ──shutDownNow──▶ `stopped` (everything dropped, getters get nil).
  struct StateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// Identifies one suspended `get()`.
    typealias WaiterID = UInt64

    /// Whether the queue accepts keys.
    enum Lifecycle: Sendable, Equatable {
      case running
      case draining
      case stopped
    }

    /// What the timer loop is doing, as far as the machine knows.
    enum TimerState: Sendable, Equatable {
      /// The loop has not gone to sleep (or is not running at all).
      case awake
      /// The loop sleeps until the given deadline, or until woken when there is none.
      case sleeping(until: Instant?)
      /// The loop was asked to wake up and has not come back yet.
      case wakeRequested
    }

    /// The result of an add.
    enum AddAction: Sendable, Equatable {
      /// Nothing changed: the key was already waiting, or the queue is shutting down.
      case ignored
      /// The key was added (queued, or marked for re-queue while processing).
      case added
      /// The key was added and goes straight to this waiting getter.
      case resume(WaiterID, Key)
      /// The key was scheduled for later; the timer loop already wakes up in time.
      case scheduled
      /// The key was scheduled before the timer loop's next wake-up; wake it.
      case wakeTimer
    }

    /// The result of `done`.
    enum DoneAction: Sendable, Equatable {
      case none
      /// The key was re-queued and goes straight to this waiting getter.
      case resume(WaiterID, Key)
    }

    /// The result of `get`.
    enum GetAction: Sendable, Equatable {
      /// Process this key now.
      case key(Key)
      /// Nothing is queued; the getter was registered and must suspend.
      case wait
      /// The queue is shut down and drained: return nil.
      case shutDown
    }

    /// The result of firing due timers.
    struct TimerAction: Sendable {
      /// Keys handed straight to waiting getters.
      var resumes: [(WaiterID, Key)] = []
      /// How many keys the fired timers added.
      var added = 0
      /// What the loop does next.
      var next: TimerNext = .stop
    }

    /// What the timer loop does after firing.
    enum TimerNext: Sendable, Equatable {
      /// Sleep until the earliest deadline (or an earlier one is scheduled).
      case sleep(until: Instant)
      /// No deadline is scheduled; wait until one is.
      case waitForDeadline
      /// The queue is shut down; end the loop.
      case stop
    }

    /// The result of a shutdown.
    struct ShutdownAction: Sendable {
      /// Getters to resume with nil.
      var waiters: [WaiterID] = []
      /// Whether the timer loop must be woken so it can end.
      var wakeTimer = false
    }

    private(set) var lifecycle = Lifecycle.running
    private(set) var timer = TimerState.awake
    private var queue = KeyFIFO<Key>()
    private var dirty = Set<Key>()
    private var processing = Set<Key>()
    private var waiterOrder = KeyFIFO<WaiterID>()
    private var waiting = Set<WaiterID>()
    private var delayed = DeadlineHeap<Key, Instant>()
    private var deadlines: [Key: Instant] = [:]
    private var failures: [Key: Int] = [:]
    /// The back-off applied by `addRateLimited`.
    let backoff: ExponentialBackoff

    /// Creates an empty, running queue state.
    init(backoff: ExponentialBackoff = ExponentialBackoff()) {
      self.backoff = backoff
    }

    /// Keys ready to be handed out.
    var depth: Int { queue.count }
    /// Keys waiting for a deadline.
    var delayedCount: Int { deadlines.count }
    /// Keys being processed.
    var processingCount: Int { processing.count }
    /// Getters suspended in `get`.
    var waiterCount: Int { waiting.count }
    /// Whether the key is being processed.
    func isProcessing(_ key: Key) -> Bool { processing.contains(key) }
    /// Whether the key is queued or marked for re-queue.
    func isDirty(_ key: Key) -> Bool { dirty.contains(key) }
    /// The deadline at which a delayed add of the key fires.
    func deadline(of key: Key) -> Instant? { deadlines[key] }
    /// Consecutive failures recorded by `addRateLimited` since the last `forget`.
    func failureCount(of key: Key) -> Int { failures[key, default: 0] }

    // MARK: Adding

    /// Adds a key now. A key already queued is not queued twice; a key being processed is
    /// queued again when its worker calls `done`.
    mutating func add(_ key: Key) -> AddAction {
      guard lifecycle == .running else { return .ignored }
      return enqueue(key)
    }

    /// Adds a key once `delay` has passed. When the key already waits for a deadline, the
    /// earlier deadline wins.
    mutating func add(_ key: Key, after delay: Duration, now: Instant) -> AddAction {
      guard lifecycle == .running else { return .ignored }
      guard delay > .zero else { return enqueue(key) }
      let deadline = now.advanced(by: delay)
      if let existing = deadlines[key], existing <= deadline { return .ignored }
      deadlines[key] = deadline
      delayed.push(key, deadline: deadline)
      if delayed.count > 2 * deadlines.count + 64 {
        let live = deadlines
        delayed.retain { live[$0.key] == $0.deadline }
      }
      if case .sleeping(let until) = timer, until.map({ deadline < $0 }) ?? true {
        timer = .wakeRequested
        return .wakeTimer
      }
      return .scheduled
    }

    /// Adds a key after its back-off delay and counts one more failure for it.
    mutating func addRateLimited(_ key: Key, now: Instant) -> AddAction {
      guard lifecycle == .running else { return .ignored }
      let previous = failures[key, default: 0]
      failures[key] = previous + 1
      return add(key, after: backoff.delay(afterFailures: previous), now: now)
    }

    /// Clears the failure count of a key, so its next failure starts from the base delay.
    mutating func forget(_ key: Key) {
      failures[key] = nil
    }

    private mutating func enqueue(_ key: Key) -> AddAction {
      guard dirty.insert(key).inserted else { return .ignored }
      if processing.contains(key) { return .added }
      if let waiter = popWaiter() {
        dirty.remove(key)
        processing.insert(key)
        return .resume(waiter, key)
      }
      queue.push(key)
      return .added
    }

    // MARK: Getting

    /// Takes the oldest queued key, or registers `waiter` to be handed the next one.
    mutating func get(_ waiter: WaiterID) -> GetAction {
      if let key = queue.pop() {
        dirty.remove(key)
        processing.insert(key)
        return .key(key)
      }
      if lifecycle != .running { return .shutDown }
      waiterOrder.push(waiter)
      waiting.insert(waiter)
      return .wait
    }

    /// Withdraws a waiting getter. Returns false when it was already handed a key (or nil).
    mutating func cancelWait(_ waiter: WaiterID) -> Bool {
      guard waiting.remove(waiter) != nil else { return false }
      if waiterOrder.count > 2 * waiting.count + 64 {
        let live = waiting
        for id in waiterOrder.drain() where live.contains(id) { waiterOrder.push(id) }
      }
      return true
    }

    /// Marks a key as processed. If it was added meanwhile it is queued again.
    mutating func done(_ key: Key) -> DoneAction {
      guard processing.remove(key) != nil, dirty.contains(key) else { return .none }
      if let waiter = popWaiter() {
        dirty.remove(key)
        processing.insert(key)
        return .resume(waiter, key)
      }
      queue.push(key)
      return .none
    }

    private mutating func popWaiter() -> WaiterID? {
      while let waiter = waiterOrder.pop() {
        if waiting.remove(waiter) != nil { return waiter }
      }
      return nil
    }

    // MARK: Timers

    /// Adds every delayed key whose deadline is at or before `now` and tells the timer loop
    /// how long to sleep.
    mutating func fireTimers(now: Instant) -> TimerAction {
      guard lifecycle == .running else {
        timer = .awake
        return TimerAction()
      }
      var action = TimerAction()
      while let top = delayed.first, top.deadline <= now {
        _ = delayed.pop()
        guard deadlines[top.key] == top.deadline else { continue }
        deadlines[top.key] = nil
        switch enqueue(top.key) {
        case .added: action.added += 1
        case .resume(let waiter, let key):
          action.added += 1
          action.resumes.append((waiter, key))
        case .ignored, .scheduled, .wakeTimer: break
        }
      }
      let next = earliestDeadline()
      timer = .sleeping(until: next)
      action.next = next.map { .sleep(until: $0) } ?? .waitForDeadline
      return action
    }

    private mutating func earliestDeadline() -> Instant? {
      while let top = delayed.first {
        if deadlines[top.key] == top.deadline { return top.deadline }
        _ = delayed.pop()
      }
      return nil
    }

    // MARK: Shutdown

    /// Stops accepting keys. With `drain`, keys already queued are still handed out before
    /// getters receive nil; without it, everything queued or delayed is dropped at once.
    mutating func shutDown(drain: Bool) -> ShutdownAction {
      switch (lifecycle, drain) {
      case (.stopped, _), (.draining, true): return ShutdownAction()
      default: break
      }
      lifecycle = drain ? .draining : .stopped
      delayed.removeAll()
      deadlines.removeAll()
      failures.removeAll()
      if !drain {
        _ = queue.drain()
        dirty.removeAll()
      }
      var action = ShutdownAction()
      // Getters only wait while nothing is queued, so all of them get nil.
      while let waiter = popWaiter() { action.waiters.append(waiter) }
      if case .sleeping = timer {
        timer = .wakeRequested
        action.wakeTimer = true
      }
      return action
    }
  }
}
