import Testing
import VaneTesting

@testable import VaneEngine

typealias Machine = WorkQueue<String>.StateMachine<ContinuousClock.Instant>

/// A fixed origin: the machine never reads a clock, so any instant will do.
let t0 = ContinuousClock.now

@Suite("WorkQueue state machine")
struct WorkQueueStateMachineTests {
  @Test func keysComeOutInOrderAndOnlyOnce() {
    var machine = Machine()
    #expect(machine.add("a") == .added)
    #expect(machine.add("b") == .added)
    #expect(machine.add("a") == .ignored)
    #expect(machine.depth == 2)
    #expect(machine.get(0) == .key("a"))
    #expect(machine.get(1) == .key("b"))
    #expect(machine.get(2) == .wait)
  }

  @Test func aKeyBeingProcessedIsNotHandedOutAgain() {
    var machine = Machine()
    _ = machine.add("a")
    #expect(machine.get(0) == .key("a"))
    // Added again while processing: remembered, but not queued.
    #expect(machine.add("a") == .added)
    #expect(machine.depth == 0)
    #expect(machine.get(1) == .wait)
    #expect(machine.isProcessing("a"))
    #expect(machine.isDirty("a"))
  }

  @Test func aKeyAddedWhileProcessingIsRequeuedOnDone() {
    var machine = Machine()
    _ = machine.add("a")
    _ = machine.get(0)
    _ = machine.add("a")
    _ = machine.add("a")
    #expect(machine.done("a") == .none)
    #expect(machine.depth == 1)
    #expect(machine.get(1) == .key("a"))
    #expect(machine.done("a") == .none)
    #expect(machine.depth == 0)
    #expect(!machine.isDirty("a"))
  }

  @Test func doneHandsARequeuedKeyToAWaitingGetter() {
    var machine = Machine()
    _ = machine.add("a")
    _ = machine.get(0)
    #expect(machine.get(1) == .wait)
    _ = machine.add("a")
    #expect(machine.done("a") == .resume(1, "a"))
    #expect(machine.isProcessing("a"))
  }

  @Test func addHandsTheKeyToTheOldestWaitingGetter() {
    var machine = Machine()
    #expect(machine.get(7) == .wait)
    #expect(machine.get(8) == .wait)
    #expect(machine.add("a") == .resume(7, "a"))
    #expect(machine.add("b") == .resume(8, "b"))
    #expect(machine.waiterCount == 0)
  }

  @Test func aCancelledGetterIsSkipped() {
    var machine = Machine()
    _ = machine.get(1)
    _ = machine.get(2)
    let first = machine.cancelWait(1)
    let again = machine.cancelWait(1)
    #expect(first)
    #expect(!again)
    #expect(machine.add("a") == .resume(2, "a"))
    let afterHandoff = machine.cancelWait(2)
    #expect(!afterHandoff)
  }

  @Test func delayedKeysFireInDeadlineOrder() {
    var machine = Machine()
    _ = machine.add("late", after: .seconds(3), now: t0)
    _ = machine.add("early", after: .seconds(1), now: t0)
    _ = machine.add("middle", after: .seconds(2), now: t0)
    #expect(machine.depth == 0)
    #expect(machine.delayedCount == 3)

    var fired = machine.fireTimers(now: t0 + .milliseconds(999))
    #expect(fired.added == 0)
    #expect(fired.next == .sleep(until: t0 + .seconds(1)))

    fired = machine.fireTimers(now: t0 + .seconds(2))
    #expect(fired.added == 2)
    #expect(fired.next == .sleep(until: t0 + .seconds(3)))
    #expect(machine.get(0) == .key("early"))
    #expect(machine.get(1) == .key("middle"))

    fired = machine.fireTimers(now: t0 + .seconds(3))
    #expect(fired.next == .waitForDeadline)
    #expect(machine.get(2) == .key("late"))
  }

  @Test func theEarliestDeadlineOfAKeyWins() {
    var machine = Machine()
    #expect(machine.add("a", after: .seconds(10), now: t0) == .scheduled)
    #expect(machine.add("a", after: .seconds(20), now: t0) == .ignored)
    #expect(machine.deadline(of: "a") == t0 + .seconds(10))
    #expect(machine.add("a", after: .seconds(5), now: t0) == .scheduled)
    #expect(machine.deadline(of: "a") == t0 + .seconds(5))

    let fired = machine.fireTimers(now: t0 + .seconds(5))
    #expect(fired.added == 1)
    // The superseded 10 s entry is stale and must not fire again.
    #expect(fired.next == .waitForDeadline)
    #expect(machine.fireTimers(now: t0 + .seconds(10)).added == 0)
    #expect(machine.depth == 1)
  }

  @Test func aDelayedKeyThatFiresGoesToAWaitingGetter() {
    var machine = Machine()
    _ = machine.get(4)
    _ = machine.add("a", after: .seconds(1), now: t0)
    let fired = machine.fireTimers(now: t0 + .seconds(1))
    #expect(fired.resumes.count == 1)
    #expect(fired.resumes.first?.0 == 4)
    #expect(fired.resumes.first?.1 == "a")
  }

  @Test func aZeroDelayAddsAtOnce() {
    var machine = Machine()
    #expect(machine.add("a", after: .zero, now: t0) == .added)
    #expect(machine.get(0) == .key("a"))
  }

  @Test func theTimerIsWokenOnlyForAnEarlierDeadline() {
    var machine = Machine()
    #expect(machine.fireTimers(now: t0).next == .waitForDeadline)
    // The loop waits with no deadline: the first one wakes it.
    #expect(machine.add("a", after: .seconds(10), now: t0) == .wakeTimer)
    // Already woken; no second signal.
    #expect(machine.add("b", after: .seconds(1), now: t0) == .scheduled)
    #expect(machine.fireTimers(now: t0).next == .sleep(until: t0 + .seconds(1)))
    #expect(machine.add("c", after: .seconds(5), now: t0) == .scheduled)
    #expect(machine.add("d", after: .milliseconds(500), now: t0) == .wakeTimer)
  }

  @Test func backOffGrowsExponentiallyUpToTheCap() {
    var machine = Machine(backoff: ExponentialBackoff(base: .milliseconds(5), cap: .milliseconds(40)))
    var deadlines: [Duration] = []
    for round in 0..<6 {
      let now = t0 + .seconds(round * 100)
      _ = machine.addRateLimited("a", now: now)
      deadlines.append(now.duration(to: machine.deadline(of: "a") ?? now))
      _ = machine.fireTimers(now: now + .seconds(50))
      _ = machine.get(UInt64(round))
      _ = machine.done("a")
    }
    #expect(deadlines == [5, 10, 20, 40, 40, 40].map { Duration.milliseconds($0) })
    #expect(machine.failureCount(of: "a") == 6)

    machine.forget("a")
    #expect(machine.failureCount(of: "a") == 0)
    _ = machine.addRateLimited("a", now: t0)
    #expect(machine.deadline(of: "a") == t0 + .milliseconds(5))
  }

  @Test func backOffDefaultsMatchClientGo() {
    let backoff = ExponentialBackoff()
    #expect(backoff.delay(afterFailures: 0) == .milliseconds(5))
    #expect(backoff.delay(afterFailures: 1) == .milliseconds(10))
    #expect(backoff.delay(afterFailures: 10) == .milliseconds(5 * 1024))
    #expect(backoff.delay(afterFailures: 40) == .seconds(1000))
    #expect(backoff.delay(afterFailures: .max) == .seconds(1000))
  }

  @Test func drainingShutdownHandsOutQueuedKeysThenNil() {
    var machine = Machine()
    _ = machine.add("a")
    _ = machine.add("b")
    _ = machine.add("later", after: .seconds(1), now: t0)
    _ = machine.get(0)  // "a" is processing
    _ = machine.add("a")  // and dirty
    let action = machine.shutDown(drain: true)
    #expect(action.waiters.isEmpty)
    #expect(machine.add("c") == .ignored)
    #expect(machine.delayedCount == 0)
    #expect(machine.get(1) == .key("b"))
    #expect(machine.done("a") == .none)
    #expect(machine.get(2) == .key("a"))
    #expect(machine.get(3) == .shutDown)
    #expect(machine.fireTimers(now: t0 + .seconds(5)).next == .stop)
  }

  @Test func shutdownReleasesWaitersAndWakesTheTimer() {
    var machine = Machine()
    _ = machine.fireTimers(now: t0)
    _ = machine.get(1)
    _ = machine.get(2)
    let action = machine.shutDown(drain: true)
    #expect(action.waiters == [1, 2])
    #expect(action.wakeTimer)
    #expect(machine.shutDown(drain: true).waiters.isEmpty)
  }

  @Test func immediateShutdownDropsEverything() {
    var machine = Machine()
    _ = machine.add("a")
    _ = machine.add("b")
    _ = machine.get(0)
    _ = machine.add("a")
    _ = machine.shutDown(drain: false)
    #expect(machine.depth == 0)
    #expect(machine.get(1) == .shutDown)
    #expect(machine.done("a") == .none)
    #expect(machine.depth == 0)
    #expect(machine.processingCount == 0)
    #expect(machine.add("a", after: .seconds(1), now: t0) == .ignored)
  }

  @Test func manyStaleDeadlinesAreCompacted() {
    var machine = Machine()
    for step in 0..<1_000 {
      _ = machine.add("a", after: .seconds(2_000 - step), now: t0)
    }
    #expect(machine.delayedCount == 1)
    #expect(machine.deadline(of: "a") == t0 + .seconds(1_001))
    let fired = machine.fireTimers(now: t0 + .seconds(1_001))
    #expect(fired.added == 1)
    #expect(fired.next == .waitForDeadline)
  }
}
