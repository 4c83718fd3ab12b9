import Logging
import ServiceLifecycle
import Testing
import VaneEngine
import VaneModel
import VaneTesting

/// A reconciler driven by a script: records every round, and holds rounds at a latch while
/// the test keeps it closed.
final class ScriptedReconciler: Reconciler {
  typealias Key = Int

  struct Round: Sendable {
    var key: Int
    var cancelled: Bool
  }

  let rounds = Locked<[Round]>([])
  let started = Locked(0)
  /// Rounds wait here; open unless a test closes it.
  let latch = Latch(open: true)
  let inFlight = Locked([Int: Int]())
  let overlaps = Locked(0)
  /// What happened, in order, for tests that check the order of rounds and shutdown.
  let log = Locked<[String]>([])
  let outcome: @Sendable (Int, Int) -> ReconcileOutcome

  /// - Parameter outcome: the outcome of a round, given the key and how many rounds of that
  ///   key ran before.
  init(outcome: @escaping @Sendable (Int, Int) -> ReconcileOutcome = { _, _ in .done }) {
    self.outcome = outcome
  }

  func reconcile(_ key: Int) async -> ReconcileOutcome {
    started.withLock { $0 += 1 }
    let before = inFlight.withLock { counts in
      defer { counts[key, default: 0] += 1 }
      return counts[key, default: 0]
    }
    if before > 0 { overlaps.withLock { $0 += 1 } }
    await latch.wait()
    inFlight.withLock { $0[key, default: 0] -= 1 }
    let previous = rounds.withLock { rounds in
      defer { rounds.append(Round(key: key, cancelled: Task.isCancelled)) }
      return rounds.count(where: { $0.key == key })
    }
    log.withLock { $0.append("round \(key) ended") }
    return outcome(key, previous)
  }
}

@Suite("WorkerPool")
struct WorkerPoolTests {
  let logger = Logger(label: "test")

  @Test func processesKeysAndShutsDownGracefully() async throws {
    let queue = WorkQueue<Int>(name: "pool-test")
    let reconciler = ScriptedReconciler()
    let pool = WorkerPool(queue: queue, reconciler: reconciler, configuration: .init(workers: 4))
    let group = ServiceGroup(configuration: .init(services: [pool], logger: logger))
    try await withThrowingDiscardingTaskGroup { tasks in
      tasks.addTask { try await group.run() }
      for round in 0..<3 {
        for key in 0..<100 { queue.add(key) }
        try await eventually("round \(round) to finish") { reconciler.rounds.value.count == 100 * (round + 1) }
      }
      await group.triggerGracefulShutdown()
    }
    #expect(reconciler.overlaps.value == 0)
    #expect(Set(reconciler.rounds.value.map(\.key)) == Set(0..<100))
    #expect(queue.isShuttingDown)
  }

  @Test func gracefulShutdownFinishesTheCurrentRoundAndTakesNoNewKey() async throws {
    let queue = WorkQueue<Int>()
    let reconciler = ScriptedReconciler()
    reconciler.latch.close()
    let pool = WorkerPool(queue: queue, reconciler: reconciler, configuration: .init(workers: 1))
    let group = ServiceGroup(configuration: .init(services: [pool], logger: logger))
    try await withThrowingDiscardingTaskGroup { tasks in
      tasks.addTask {
        try await group.run()
        reconciler.log.withLock { $0.append("pool ended") }
      }
      queue.add(1)
      queue.add(2)
      try await eventually("the first round to wait at the latch") { reconciler.latch.waiting == 1 }
      await group.triggerGracefulShutdown()
      try await eventually("the queue to shut down") { queue.isShuttingDown }
      #expect(reconciler.log.value.isEmpty, "the round is held, so the pool cannot have ended")
      reconciler.latch.open()
    }
    // Had the pool not waited for its round, it would have ended while the round was held.
    #expect(reconciler.log.value == ["round 1 ended", "pool ended"])
    let rounds = reconciler.rounds.value
    #expect(rounds.map(\.key) == [1])
    #expect(rounds.first?.cancelled == false)
  }

  @Test func cancellationCancelsTheRoundInProgress() async throws {
    let queue = WorkQueue<Int>()
    let reconciler = ScriptedReconciler()
    reconciler.latch.close()
    let pool = WorkerPool(queue: queue, reconciler: reconciler, configuration: .init(workers: 2))
    try await withThrowingTaskGroup { tasks in
      tasks.addTask { await pool.run() }
      queue.add(7)
      try await eventually("the round to wait at the latch") { reconciler.latch.waiting == 1 }
      tasks.cancelAll()
      try await tasks.waitForAll()
    }
    #expect(reconciler.rounds.value.first?.cancelled == true)
    #expect(queue.isShuttingDown)
  }

  @Test func outcomesRequeueAndRetry() async throws {
    let clock = ManualClock()
    let queue = WorkQueue<Int>(clock: clock)
    // Key 1 fails twice then succeeds; key 2 asks to come back in a minute once.
    let reconciler = ScriptedReconciler { key, previous in
      switch (key, previous) {
      case (1, 0), (1, 1): .retry(ControllerError(code: .roundDeadlineExceeded, message: "scripted"))
      case (2, 0): .wakeUp(after: .seconds(60))
      default: .done
      }
    }
    let pool = WorkerPool(queue: queue, reconciler: reconciler, configuration: .init(workers: 2))
    try await withThrowingTaskGroup { tasks in
      tasks.addTask { await pool.run() }
      queue.add(1)
      queue.add(2)
      try await eventually("first rounds") { reconciler.rounds.value.count == 2 }
      try await eventually("one failure") { queue.failures(of: 1) == 1 }
      try await clock.waitForSleeper(after: .milliseconds(5))
      clock.advance(by: .milliseconds(5))
      // The first retry fails again: two failures, so the next back-off is 10 ms.
      try await eventually("first retry") { reconciler.rounds.value.count == 3 }
      try await eventually("two failures") { queue.failures(of: 1) == 2 }
      try await clock.waitForSleeper(after: .milliseconds(10))
      clock.advance(by: .milliseconds(9))
      // Not due: the queue's timer stays asleep, so no round can have started.
      #expect(clock.sleepers.contains(clock.now.advanced(by: .milliseconds(1))))
      #expect(reconciler.rounds.value.count == 3, "the back-off has not passed yet")
      clock.advance(by: .milliseconds(1))
      try await eventually("second retry") { reconciler.rounds.value.count == 4 }
      try await eventually("back-off forgotten") { queue.failures(of: 1) == 0 }
      try await clock.waitForSleeper(after: .seconds(60) - .milliseconds(15))
      clock.advance(by: .seconds(60))
      try await eventually("requeued round") { reconciler.rounds.value.count == 5 }
      tasks.cancelAll()
    }
    #expect(reconciler.rounds.value.filter { $0.key == 1 }.count == 3)
    #expect(reconciler.rounds.value.filter { $0.key == 2 }.count == 2)
  }

  @Test func aRoundThatOverrunsItsDeadlineIsCancelledAndRetried() async throws {
    let clock = ManualClock()
    let queue = WorkQueue<Int>(clock: clock)
    let reconciler = ScriptedReconciler()
    reconciler.latch.close()
    let pool = WorkerPool(
      queue: queue, reconciler: reconciler,
      configuration: .init(workers: 1, roundDeadline: .milliseconds(30)), clock: clock)
    try await withThrowingTaskGroup { tasks in
      tasks.addTask { await pool.run() }
      queue.add(3)
      try await eventually("the round to wait at the latch") { reconciler.latch.waiting == 1 }
      try await clock.waitForSleeper(after: .milliseconds(30))
      clock.advance(by: .milliseconds(30))
      try await eventually("the overrun round") { reconciler.rounds.value.count == 1 }
      try await eventually("the overrun to be retried with back-off") { queue.failures(of: 3) == 1 }
      reconciler.latch.open()
      try await clock.waitForSleeper(after: .milliseconds(5))
      clock.advance(by: .milliseconds(5))
      try await eventually("the retry") { reconciler.rounds.value.count == 2 }
      tasks.cancelAll()
    }
    let rounds = reconciler.rounds.value
    #expect(rounds[0].cancelled, "the overrunning round saw cancellation")
    #expect(rounds[1].cancelled == false)
    #expect(rounds.allSatisfy { $0.key == 3 })
  }
}
