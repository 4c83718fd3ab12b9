import Synchronization

/// A gate tasks wait at until a test opens it: explicit synchronisation between a test and the
/// code it drives, instead of sleeping and hoping. `wait()` returns at once while the latch is
/// open, and also when the waiting task is cancelled (so a cancelled round can end).
public final class Latch: Sendable {
  private struct State {
    var isOpen: Bool
    var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    var nextID: UInt64 = 0
    var arrivals = 0
  }

  private let state: Mutex<State>

  /// A latch, open or closed.
  public init(open: Bool = false) {
    state = Mutex(State(isOpen: open))
  }

  /// How many `wait()` calls arrived so far, open or not.
  public var arrivals: Int { state.withLock { $0.arrivals } }

  /// How many tasks wait at the latch now.
  public var waiting: Int { state.withLock { $0.waiters.count } }

  /// Waits until the latch is open or the task is cancelled.
  public func wait() async {
    let id = state.withLock { state in
      state.arrivals += 1
      defer { state.nextID += 1 }
      return state.nextID
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let passes = state.withLock { state in
          if state.isOpen || Task.isCancelled { return true }
          state.waiters[id] = continuation
          return false
        }
        if passes { continuation.resume() }
      }
    } onCancel: {
      let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
      waiter?.resume()
    }
  }

  /// Opens the latch: every waiting task goes on, and later waits return at once.
  public func open() {
    let waiters = state.withLock { state in
      state.isOpen = true
      defer { state.waiters = [:] }
      return Array(state.waiters.values)
    }
    for waiter in waiters { waiter.resume() }
  }

  /// Closes the latch again: later waits wait.
  public func close() {
    state.withLock { $0.isOpen = false }
  }
}
