import Metrics
import Synchronization

extension WorkQueue {
  /// Runs the timer loop that moves delayed keys into the queue when their deadline passes.
  ///
  /// The loop sleeps until the earliest deadline and is woken early only when an earlier
  /// deadline is scheduled; it never polls. It returns when the queue shuts down or the task
  /// is cancelled. Run it once per queue; a second concurrent call returns at once.
  public func runTimers() async {
    let started = state.withLock { state in
      if state.timerLoopRunning { return false }
      state.timerLoopRunning = true
      return true
    }
    guard started else { return }
    defer { state.withLock { $0.timerLoopRunning = false } }

    while !Task.isCancelled {
      let now = time.now()
      let (action, getters, depth) = state.withLock { state in
        state.timerSignalled = false
        let action = state.machine.fireTimers(now: now)
        let getters = action.resumes.compactMap { waiter, key in
          state.deliver(key, to: waiter).map { ($0, key) }
        }
        return (action, getters, state.machine.depth)
      }
      if action.added > 0 { metrics.adds.increment(by: action.added) }
      metrics.recordDepth(depth)
      for (continuation, key) in getters { continuation.resume(returning: key) }
      switch action.next {
      case .stop: return
      case .sleep(let deadline): await sleepOrWake(until: deadline)
      case .waitForDeadline: await sleepOrWake(until: nil)
      }
    }
  }

  /// Sleeps until `deadline` (forever when nil) or until the timer is signalled.
  private func sleepOrWake(until deadline: QueueInstant?) async {
    await withTaskGroup(of: Void.self) { group in
      if let deadline {
        group.addTask { try? await self.time.sleep(deadline) }
      }
      group.addTask { await self.waitForTimerSignal() }
      await group.next()
      group.cancelAll()
    }
  }

  private func waitForTimerSignal() async {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let resumeNow = state.withLock { state in
          if state.timerSignalled || Task.isCancelled {
            state.timerSignalled = false
            return true
          }
          state.timerWaiter = continuation
          return false
        }
        if resumeNow { continuation.resume() }
      }
    } onCancel: {
      let waiter = state.withLock { state in
        let waiter = state.timerWaiter
        state.timerWaiter = nil
        return waiter
      }
      waiter?.resume()
    }
  }
}
