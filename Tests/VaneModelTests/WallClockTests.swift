import Foundation
import Testing
import VaneModel
import VaneTesting

@Suite struct WallClockTests {
  @Test func wallTimeRoundTripsThroughDatesAndMovesExactly() {
    let date = Date(timeIntervalSince1970: 1_767_225_600.25)
    let instant = WallTime(date)
    #expect(instant.date == date)
    let later = instant.advanced(by: .milliseconds(1500))
    #expect(instant.duration(to: later) == .milliseconds(1500))
    #expect(later.date.timeIntervalSince(date) == 1.5)
    #expect(instant < later)
  }

  @Test func theSystemClockReadsTheSystemTime() {
    let before = Date()
    let now = SystemClock().date
    let after = Date()
    #expect(before <= now && now <= after)
  }

  @Test func theSystemClockSleepsUntilItsDeadline() async throws {
    let clock = SystemClock()
    let deadline = clock.now.advanced(by: .milliseconds(20))
    try await clock.sleep(until: deadline, tolerance: nil)
    #expect(clock.now >= deadline)
  }

  @Test func aManualClockWakesSleepersOnlyWhenMovedPastTheirDeadline() async throws {
    let clock = ManualClock()
    let woken = Locked(false)
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask {
        try await clock.sleep(for: .seconds(5))
        woken.withLock { $0 = true }
      }
      try await clock.waitForSleeper(after: .seconds(5))
      clock.advance(by: .seconds(4))
      #expect(!woken.value && clock.sleepers.count == 1, "not due: the sleeper is still asleep")
      clock.advance(by: .seconds(1))
      try await group.waitForAll()
    }
    #expect(woken.value)
    #expect(clock.now == ManualClock.start.advanced(by: .seconds(5)))
  }

  @Test func aCancelledSleeperLeavesTheManualClock() async throws {
    let clock = ManualClock()
    let task = Task { try await clock.sleep(for: .seconds(1)) }
    try await clock.waitForSleepers(1)
    task.cancel()
    await #expect(throws: CancellationError.self) { try await task.value }
    #expect(clock.sleepers.isEmpty)
  }

  @Test func waitingForASleeperThatNeverComesTimesOut() async {
    let clock = ManualClock()
    await #expect(throws: TimedOut.self) {
      try await clock.waitForSleeper(after: .seconds(1), within: .milliseconds(20))
    }
  }

  /// A deadline centuries ahead (a spec's timeout × its attempts) is slept on without trapping
  /// the runtime's nanosecond conversion; the sleep ends when the task is cancelled.
  @Test func theSystemClockSleepsTowardsADeadlineCenturiesAhead() async throws {
    let clock = SystemClock()
    let sleeper = Task { try await clock.sleep(until: clock.now.advanced(by: .seconds(Int64(1e17))), tolerance: nil) }
    sleeper.cancel()
    await #expect(throws: CancellationError.self) { try await sleeper.value }
  }
}
