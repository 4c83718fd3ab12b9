import Logging
import ServiceLifecycle
import Testing
import VaneTesting

@testable import VaneConsole

@Suite struct LiveTickerTests {
  /// A page's live loop as the HTTP server runs it: inside a service of a `ServiceGroup`.
  struct LoopService: Service {
    let changes: AsyncStream<Void>
    let clock: ManualClock
    let wakes: Locked<[Bool]>
    let ended: Locked<Bool>

    func run() async throws {
      try await LiveTicker.run(changes, clock: clock) { changed in
        wakes.withLock { $0.append(changed) }
        return true
      }
      ended.withLock { $0 = true }
    }
  }

  @Test func wakesOnChangesAndOnTheIntervalUntilTheServerShutsDown() async throws {
    let live = LiveUpdates()
    let clock = ManualClock()
    let service = LoopService(
      changes: try live.subscribe(.executions(project: "p", domain: "development")), clock: clock, wakes: Locked([]),
      ended: Locked(false))
    let group = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "vane.tests")))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      try await clock.waitForSleeper(after: LiveTicker.interval)
      try await eventually("the first wake-up") { service.wakes.value == [true] }

      clock.advance(by: LiveTicker.interval)
      try await eventually("the interval's wake-up") { service.wakes.value == [true, false] }
      live.engine(recorded: [LiveUpdatesTests().event("p", "a")])
      try await eventually("the change's wake-up") { service.wakes.value == [true, false, true] }
      #expect(!service.ended.value)

      // No change, no interval: only the shutdown can end the loop (before the fix it waited
      // for its page to go away, and so did the server).
      await group.triggerGracefulShutdown()
      try await eventually("the loop to end on graceful shutdown", within: .seconds(30)) { service.ended.value }
      try await tasks.waitForAll()
    }
    #expect(service.wakes.value == [true, false, true])
    #expect(live.subscriberCount == 0)
  }
}
