import Synchronization
public import VaneModel

/// A `WallClock` that moves only when a test calls `advance(by:)`. Sleepers wake when time
/// reaches their deadline; a test can wait (on a signal, not a poll) until someone sleeps on
/// the clock, which is how it knows the code under test has gone quiet until a given time.
public final class ManualClock: WallClock, Sendable {
  /// 2026-01-01 00:00 UTC, where manual clocks start unless told otherwise.
  public static let start = WallTime(sinceEpoch: .seconds(1_767_225_600))

  private struct Sleeper {
    var deadline: WallTime
    var continuation: CheckedContinuation<Void, any Error>
  }

  private struct Waiter {
    var condition: @Sendable (WallTime, [WallTime]) -> Bool
    var continuation: CheckedContinuation<Void, Never>
  }

  private struct State {
    var now: WallTime
    var sleepers: [UInt64: Sleeper] = [:]
    var waiters: [UInt64: Waiter] = [:]
    var nextID: UInt64 = 0

    var deadlines: [WallTime] { sleepers.values.map(\.deadline).sorted() }

    /// Removes and returns the waiters whose condition now holds.
    mutating func satisfiedWaiters() -> [CheckedContinuation<Void, Never>] {
      let now = self.now
      let deadlines = self.deadlines
      let ready = waiters.filter { $0.value.condition(now, deadlines) }
      for id in ready.keys { waiters[id] = nil }
      return ready.values.map(\.continuation)
    }

    mutating func takeID() -> UInt64 {
      defer { nextID += 1 }
      return nextID
    }
  }

  private let state: Mutex<State>

  /// A clock reading `start`.
  public init(start: WallTime = ManualClock.start) {
    state = Mutex(State(now: start))
  }

  public var now: WallTime { state.withLock { $0.now } }

  public var minimumResolution: Duration { .zero }

  /// The deadlines of the tasks sleeping on the clock, earliest first.
  public var sleepers: [WallTime] { state.withLock { $0.deadlines } }

  public func sleep(until deadline: WallTime, tolerance: Duration?) async throws {
    let id = state.withLock { $0.takeID() }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        enum Verdict { case wait, ready, cancelled }
        let (verdict, satisfied) = state.withLock { state -> (Verdict, [CheckedContinuation<Void, Never>]) in
          if Task.isCancelled { return (.cancelled, []) }
          if deadline <= state.now { return (.ready, []) }
          state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
          return (.wait, state.satisfiedWaiters())
        }
        for waiter in satisfied { waiter.resume() }
        switch verdict {
        case .wait: break
        case .ready: continuation.resume()
        case .cancelled: continuation.resume(throwing: CancellationError())
        }
      }
    } onCancel: {
      let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
      sleeper?.continuation.resume(throwing: CancellationError())
    }
  }

  /// Moves time forward by `duration` and wakes every sleeper whose deadline has come.
  public func advance(by duration: Duration) {
    let (due, satisfied) = state.withLock { state in
      state.now = state.now.advanced(by: duration)
      let now = state.now
      let due = state.sleepers.filter { $0.value.deadline <= now }
      for id in due.keys { state.sleepers[id] = nil }
      return (due.values.map(\.continuation), state.satisfiedWaiters())
    }
    for sleeper in due { sleeper.resume() }
    for waiter in satisfied { waiter.resume() }
  }

  /// Moves time forward to `instant` (never backwards).
  public func advance(to instant: WallTime) {
    let distance = now.duration(to: instant)
    if distance > .zero { advance(by: distance) }
  }

  /// Waits until some task sleeps on the clock until exactly `deadline`; at most `limit` of
  /// real time.
  public func waitForSleeper(until deadline: WallTime, within limit: Duration = .seconds(60)) async throws {
    try await wait(for: "a sleeper until \(deadline)", within: limit) { _, deadlines in deadlines.contains(deadline) }
  }

  /// Waits until some task sleeps on the clock until `delay` from now; at most `limit` of real
  /// time.
  public func waitForSleeper(after delay: Duration, within limit: Duration = .seconds(60)) async throws {
    try await waitForSleeper(until: now.advanced(by: delay), within: limit)
  }

  /// Waits until at least `count` tasks sleep on the clock; at most `limit` of real time.
  public func waitForSleepers(_ count: Int, within limit: Duration = .seconds(60)) async throws {
    try await wait(for: "\(count) sleepers", within: limit) { _, deadlines in deadlines.count >= count }
  }

  /// Waits until `condition` (given the current time and the sleepers' deadlines) holds; it is
  /// checked now and whenever a sleeper comes or goes.
  public func wait(
    for what: String, within limit: Duration,
    _ condition: @escaping @Sendable (WallTime, [WallTime]) -> Bool
  ) async throws {
    let met = await withTaskGroup(of: Bool.self) { group in
      group.addTask {
        await self.suspend(until: condition)
        return !Task.isCancelled
      }
      group.addTask {
        try? await Task.sleep(for: limit)
        return false
      }
      let first = await group.next() ?? false
      group.cancelAll()
      return first
    }
    if !met { throw TimedOut(what: what) }
  }

  private func suspend(until condition: @escaping @Sendable (WallTime, [WallTime]) -> Bool) async {
    let id = state.withLock { $0.takeID() }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let holds = state.withLock { state in
          if Task.isCancelled || condition(state.now, state.deadlines) { return true }
          state.waiters[id] = Waiter(condition: condition, continuation: continuation)
          return false
        }
        if holds { continuation.resume() }
      }
    } onCancel: {
      let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
      waiter?.continuation.resume()
    }
  }
}
