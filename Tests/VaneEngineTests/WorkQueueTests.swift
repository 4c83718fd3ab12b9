import Testing
import VaneEngine
import VaneModel
import VaneTesting

@Suite("WorkQueue")
struct WorkQueueTests {
  @Test func getWaitsForAnAdd() async throws {
    let queue = WorkQueue<String>()
    try await withThrowingDiscardingTaskGroup { group in
      let received = Locked<String?>(nil)
      group.addTask {
        let key = await queue.get()
        received.withLock { $0 = key }
      }
      try await eventually("the getter to suspend") { queue.suspendedGetterCount == 1 }
      #expect(received.value == nil)
      queue.add("a")
      try await eventually("the getter to receive a") { received.value == "a" }
    }
  }

  @Test func getReturnsNilAfterShutdownOnceDrained() async {
    let queue = WorkQueue<String>()
    queue.add("a")
    queue.add("b")
    queue.shutDown()
    queue.add("c")
    #expect(await queue.get() == "a")
    #expect(await queue.get() == "b")
    #expect(await queue.get() == nil)
    #expect(queue.isShuttingDown)
  }

  @Test func shutDownNowReleasesWaitingGettersWithNil() async throws {
    let queue = WorkQueue<String>()
    queue.add("queued")
    _ = await queue.get()
    queue.add("dropped")
    try await withThrowingDiscardingTaskGroup { group in
      let released = Locked(0)
      for _ in 0..<4 {
        group.addTask {
          // "dropped" is ahead of them; take it, then wait.
          while let key = await queue.get() { queue.done(key) }
          released.withLock { $0 += 1 }
        }
      }
      try await eventually("getters to suspend") { queue.suspendedGetterCount == 4 }
      queue.shutDownNow()
      try await eventually("all getters to return") { released.value == 4 }
    }
    #expect(await queue.get() == nil)
  }

  @Test func aCancelledGetterReturnsNilAndLosesNoKey() async throws {
    let queue = WorkQueue<String>()
    let result = Locked<String??>(.none)
    try await withThrowingTaskGroup { group in
      group.addTask {
        let key = await queue.get()
        result.withLock { $0 = .some(key) }
      }
      try await eventually("the getter to suspend") { queue.suspendedGetterCount == 1 }
      group.cancelAll()
      try await group.waitForAll()
    }
    #expect(result.value == .some(nil))
    queue.add("a")
    #expect(await queue.get() == "a")
  }

  @Test func delayedAddsFireOnTheManualClock() async throws {
    let clock = ManualClock()
    let queue = WorkQueue<String>(clock: clock)
    try await withThrowingDiscardingTaskGroup { group in
      group.addTask { await queue.runTimers() }
      queue.add("ten", after: .seconds(10))
      queue.add("five", after: .seconds(5))
      queue.add("ten", after: .seconds(30))
      #expect(queue.delayedCount == 2)
      // The loop sleeps on the earliest deadline only: one sleeper, no polling.
      try await clock.waitForSleepers(1)
      #expect(clock.sleepers == [clock.now.advanced(by: .seconds(5))])
      #expect(queue.count == 0)

      clock.advance(by: .seconds(5))
      #expect(await queue.get() == "five")
      #expect(queue.delayedCount == 1)
      clock.advance(by: .seconds(5))
      #expect(await queue.get() == "ten")
      #expect(queue.delayedCount == 0)
      queue.shutDown()
    }
  }

  @Test func rateLimitedAddsWaitForTheBackOff() async throws {
    let clock = ManualClock()
    let queue = WorkQueue<String>(backoff: ExponentialBackoff(base: .seconds(1), cap: .seconds(4)), clock: clock)
    try await withThrowingDiscardingTaskGroup { group in
      group.addTask { await queue.runTimers() }
      queue.addRateLimited("a")
      queue.addRateLimited("a")  // the earlier (1 s) deadline wins; failures now 2
      #expect(queue.failures(of: "a") == 2)
      try await clock.waitForSleeper(after: .seconds(1))
      // Not due yet: the timer loop stays asleep, so nothing can have been added.
      clock.advance(by: .milliseconds(999))
      #expect(queue.count == 0)
      #expect(clock.sleepers == [ManualClock.start.advanced(by: .seconds(1))])
      clock.advance(by: .milliseconds(1))
      #expect(await queue.get() == "a")
      queue.done("a")
      queue.forget("a")
      #expect(queue.failures(of: "a") == 0)
      queue.shutDownNow()
    }
  }

  @Test func manyProducersAndConsumersNeverShareAKey() async throws {
    let queue = WorkQueue<Int>()
    let keys = 64
    let inFlight = Locked([Int](repeating: 0, count: keys))
    let overlaps = Locked(0)
    // Version of each key bumped before every add; a round records the version it saw.
    let added = Locked([Int](repeating: 0, count: keys))
    let seen = Locked([Int](repeating: 0, count: keys))

    await withDiscardingTaskGroup { group in
      for _ in 0..<8 {
        group.addTask {
          while let key = await queue.get() {
            let before = inFlight.withLock { counts in
              defer { counts[key] += 1 }
              return counts[key]
            }
            if before != 0 { overlaps.withLock { $0 += 1 } }
            let version = added.withLock { $0[key] }
            seen.withLock { $0[key] = max($0[key], version) }
            await Task.yield()
            inFlight.withLock { $0[key] -= 1 }
            queue.done(key)
          }
        }
      }
      await withDiscardingTaskGroup { producers in
        for producer in 0..<8 {
          producers.addTask {
            var generator = SplitMix(seed: UInt64(producer))
            for _ in 0..<5_000 {
              let key = Int(generator.next() % UInt64(keys))
              added.withLock { $0[key] += 1 }
              queue.add(key)
              if generator.next() % 16 == 0 { await Task.yield() }
            }
          }
        }
      }
      queue.shutDown()
    }
    #expect(overlaps.value == 0)
    // Every add was followed by a round that saw it: no key was lost.
    #expect(seen.value == added.value)
    #expect(queue.count == 0)
    #expect(queue.processingCount == 0)
  }
}

/// A small deterministic random number generator.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
