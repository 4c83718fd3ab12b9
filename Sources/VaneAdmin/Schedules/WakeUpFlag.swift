import Synchronization

/// A flag one task waits on: `raise()` releases the current `wait()`, or the next one if none
/// is waiting (raising it again before that wait is the same raise). Cancelling a waiter
/// releases it. What `LaunchScheduler.wake()` uses to cut a sleep short.
final class WakeUpFlag: Sendable {
  private struct State {
    var raised = false
    var waiter: CheckedContinuation<Void, Never>?
  }

  private let state = Mutex(State())

  func raise() {
    let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
      guard let waiter = state.waiter else {
        state.raised = true
        return nil
      }
      state.waiter = nil
      return waiter
    }
    waiter?.resume()
  }

  func wait() async {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let resumeNow = state.withLock { state -> Bool in
          if state.raised || Task.isCancelled {
            state.raised = false
            return true
          }
          state.waiter = continuation
          return false
        }
        if resumeNow { continuation.resume() }
      }
    } onCancel: {
      raise()
    }
  }
}
