import Metrics
import Synchronization

extension WorkQueue {
  /// What must happen outside the lock after an add.
  struct AddEffect {
    /// Whether the add counts towards the adds metric.
    var counted = false
    /// A getter to resume with a key.
    var getter: (CheckedContinuation<Key?, Never>, Key)?
    /// The timer loop to wake.
    var timer: CheckedContinuation<Void, Never>?
    /// The queue depth after the add.
    var depth = 0
  }

  /// Runs the side effects of an add.
  func apply(_ effect: AddEffect) {
    if effect.counted { metrics.adds.increment() }
    metrics.recordDepth(effect.depth)
    if let (continuation, key) = effect.getter { continuation.resume(returning: key) }
    effect.timer?.resume()
  }

  /// Suspends a getter registered with the state machine until it is handed a key, the queue
  /// shuts down, or the task is cancelled.
  func suspend(_ waiter: UInt64) async -> Key? {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
        let early: Key?? = state.withLock { state in
          if case .ready(let answer) = state.getters.removeValue(forKey: waiter) { return .some(answer) }
          state.getters[waiter] = .waiting(continuation)
          return .none
        }
        if case .some(let answer) = early { continuation.resume(returning: answer) }
      }
    } onCancel: {
      let continuation = state.withLock { state -> CheckedContinuation<Key?, Never>? in
        guard state.machine.cancelWait(waiter) else { return nil }
        return state.deliver(nil, to: waiter)
      }
      continuation?.resume(returning: nil)
    }
  }
}

extension WorkQueue.State {
  /// Turns the machine's verdict on an add into the effects to run outside the lock.
  mutating func add(_ action: WorkQueue.Machine.AddAction) -> WorkQueue.AddEffect {
    var effect = WorkQueue.AddEffect()
    switch action {
    case .ignored, .scheduled: break
    case .added: effect.counted = true
    case .resume(let waiter, let key):
      effect.counted = true
      effect.getter = deliver(key, to: waiter).map { ($0, key) }
    case .wakeTimer: effect.timer = signalTimer()
    }
    effect.depth = machine.depth
    return effect
  }

  /// Hands an answer to a getter: returns its continuation when it has suspended already,
  /// otherwise keeps the answer for it to pick up.
  mutating func deliver(_ answer: Key?, to waiter: UInt64) -> CheckedContinuation<Key?, Never>? {
    if case .waiting(let continuation) = getters.removeValue(forKey: waiter) { return continuation }
    getters[waiter] = .ready(answer)
    return nil
  }

  /// Wakes the timer loop: returns its continuation when it waits, otherwise leaves a signal
  /// for its next wait.
  mutating func signalTimer() -> CheckedContinuation<Void, Never>? {
    if let waiter = timerWaiter {
      timerWaiter = nil
      return waiter
    }
    timerSignalled = true
    return nil
  }
}
