import Logging
import ServiceLifecycle
import Testing
import VaneEngine
import VaneTesting

@Suite("Informer")
struct InformerTests {
  struct ListFailed: Error {}

  /// Takes `count` keys from the queue, marking each done, and returns them sorted.
  func take(_ count: Int, from queue: WorkQueue<Int>) async -> [Int] {
    var keys: [Int] = []
    while keys.count < count, let key = await queue.get() {
      keys.append(key)
      queue.done(key)
    }
    return keys.sorted()
  }

  @Test func resyncAndChangesFeedTheQueue() async throws {
    let clock = ManualClock()
    let queue = WorkQueue<Int>()
    let lists = Locked(0)
    let (changes, changed) = AsyncStream.makeStream(of: Int.self)
    let informer = Informer(
      queue: queue, changes: changes,
      listActive: {
        lists.withLock { $0 += 1 }
        return [1, 2, 3]
      },
      configuration: .init(resyncInterval: .seconds(30)), clock: clock)
    let group = ServiceGroup(configuration: .init(services: [informer], logger: Logger(label: "test")))
    try await withThrowingDiscardingTaskGroup { tasks in
      tasks.addTask { try await group.run() }
      // The start-up resync.
      #expect(await take(3, from: queue) == [1, 2, 3])
      #expect(lists.value == 1)

      changed.yield(9)
      #expect(await take(1, from: queue) == [9])

      // The periodic resync, on the manual clock.
      try await clock.waitForSleepers(1)
      clock.advance(by: .seconds(30))
      #expect(await take(3, from: queue) == [1, 2, 3])
      #expect(lists.value == 2)

      await group.triggerGracefulShutdown()
    }
    changed.finish()
  }

  @Test func aFailingListIsRetriedAtTheNextInterval() async throws {
    let clock = ManualClock()
    let queue = WorkQueue<Int>()
    let attempts = Locked(0)
    let informer = Informer(
      queue: queue, changes: AsyncStream<Int> { $0.finish() },
      listActive: {
        let attempt = attempts.withLock { attempt in
          attempt += 1
          return attempt
        }
        if attempt == 1 { throw ListFailed() }
        return [42]
      },
      configuration: .init(resyncInterval: .seconds(10)), clock: clock)
    try await withThrowingTaskGroup { tasks in
      tasks.addTask { await informer.run() }
      try await clock.waitForSleepers(1)
      #expect(attempts.value == 1)
      #expect(queue.count == 0)
      clock.advance(by: .seconds(10))
      #expect(await take(1, from: queue) == [42])
      tasks.cancelAll()
    }
  }

  @Test func resyncReturnsTheNumberOfKeys() async {
    let queue = WorkQueue<Int>()
    let informer = Informer(
      queue: queue, changes: AsyncStream<Int> { $0.finish() }, listActive: { [5, 6, 5] })
    #expect(await informer.resync() == 3)
    #expect(queue.count == 2)
  }
}
