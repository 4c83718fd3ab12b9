import Synchronization

/// Whether this replica leads the group, as something to wait on: the heartbeat sets it, the
/// singletons' gate waits for it to become true (start) or false (stop).
public final class Leadership: Sendable {
  private struct Waiter {
    let wanted: Bool
    let continuation: CheckedContinuation<Void, Never>
  }

  private struct State {
    var leads = false
    var waiters: [Int: Waiter] = [:]
    var nextID = 0
  }

  private let state = Mutex(State())

  /// Not leading.
  public init() {}

  /// Whether this replica leads now.
  public var leads: Bool { state.withLock { $0.leads } }

  /// Records whether this replica leads, waking whoever waits for that.
  public func set(_ leads: Bool) {
    let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
      state.leads = leads
      let ready = state.waiters.filter { $0.value.wanted == leads }
      for id in ready.keys { state.waiters[id] = nil }
      return ready.values.map(\.continuation)
    }
    for continuation in woken { continuation.resume() }
  }

  /// Returns once leading is `wanted` (at once if it is), or when the task is cancelled.
  public func wait(until wanted: Bool) async {
    let id = state.withLock { state -> Int in
      state.nextID += 1
      return state.nextID
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let resumeNow = state.withLock { state -> Bool in
          if state.leads == wanted || Task.isCancelled { return true }
          state.waiters[id] = Waiter(wanted: wanted, continuation: continuation)
          return false
        }
        if resumeNow { continuation.resume() }
      }
    } onCancel: {
      let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
      waiter?.continuation.resume()
    }
  }
}
