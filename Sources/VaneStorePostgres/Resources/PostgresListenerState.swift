import Synchronization

/// Whether the watch connection is listening, and who waits on it: callers of `listening()`
/// and of a flush (`close()`), resumed when the state or their marker arrives.
final class PostgresListenerState: Sendable {
  private struct State: ~Copyable {
    var listening = false
    var listeningWaiters: [CheckedContinuation<Void, Never>] = []
    /// Flush markers sent and not yet seen; a continuation once someone awaits it.
    var flushes: [String: CheckedContinuation<Void, Never>?] = [:]
  }

  private let state = Mutex(State())

  /// Records whether the connection listens. Listening wakes `waitUntilListening`; losing it
  /// releases every flush waiter, since their markers may never arrive.
  func setListening(_ listening: Bool) {
    let (waiters, flushes) = state.withLock { state in
      state.listening = listening
      if listening {
        defer { state.listeningWaiters.removeAll() }
        return (state.listeningWaiters, [CheckedContinuation<Void, Never>?]())
      }
      defer { state.flushes.removeAll() }
      return ([], Array(state.flushes.values))
    }
    for waiter in waiters { waiter.resume() }
    for case let waiter? in flushes { waiter.resume() }
  }

  func waitUntilListening() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let ready = state.withLock { state -> Bool in
        if state.listening { return true }
        state.listeningWaiters.append(continuation)
        return false
      }
      if ready { continuation.resume() }
    }
  }

  /// Registers a flush marker; `false` when nobody listens (there is nothing to flush).
  func expectFlush(_ token: String) -> Bool {
    state.withLock { state in
      guard state.listening else { return false }
      state.flushes[token] = .some(nil)
      return true
    }
  }

  /// Waits until `flushed(token)` or the connection drops.
  func waitForFlush(_ token: String) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let pending = state.withLock { state -> Bool in
        guard state.flushes[token] != nil else { return false }
        state.flushes[token] = continuation
        return true
      }
      if !pending { continuation.resume() }
    }
  }

  /// The marker `token` arrived.
  func flushed(_ token: String) {
    let waiter = state.withLock { state in state.flushes.removeValue(forKey: token) }
    if case let waiter?? = waiter { waiter.resume() }
  }

  func abandonFlush(_ token: String) {
    flushed(token)
  }
}
