import FlyteIDL
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// Engines that divide one store (replicas): each runs only the executions its ownership names,
/// and asks the owner of any other it is told to wake.
@Suite("Engine ownership")
struct EngineOwnershipTests {
  /// Owns the keys whose names start with `prefix`; records what it was asked to wake elsewhere.
  final class PrefixOwnership: ExecutionOwnership {
    let prefix: String
    private let woken = Mutex<[ResourceKey]>([])

    init(prefix: String) { self.prefix = prefix }

    func owns(_ key: ResourceKey) -> Bool { key.name.hasPrefix(prefix) }

    func wakeOwner(of key: ResourceKey) { woken.withLock { $0.append(key) } }

    var wokenElsewhere: [ResourceKey] { woken.withLock { $0 } }
  }

  /// Owns what its set names; the set changes as shards would move.
  final class MovingOwnership: ExecutionOwnership {
    let owned = Mutex<Set<String>>([])
    func owns(_ key: ResourceKey) -> Bool { owned.withLock { $0.contains(key.name) } }
    func wakeOwner(of key: ResourceKey) {}
  }

  /// Runs `engine`'s services around `body`.
  private func running<T>(_ engine: Engine, _ body: () async throws -> T) async throws -> T {
    let group = ServiceGroup(configuration: .init(services: engine.services, logger: Logger(label: "test")))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      defer { tasks.cancelAll() }
      let result = try await body()
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
      return result
    }
  }

  @Test func eachEngineRunsOnlyWhatItOwnsAndWakesTheOwnerOfTheRest() async throws {
    let harness = try EngineHarness()
    let closure = try Showcase.closure("showcase.basics.chain")
    let (left, right) = (PrefixOwnership(prefix: "left"), PrefixOwnership(prefix: "right"))
    let first = Engine(
      configuration: .init(workers: 2, resyncInterval: .seconds(60)), store: harness.store,
      environment: harness.environment, ownership: left)
    first.observe(harness.recorder)
    let theirs = try await running(first) {
      // Created through this engine, owned by the other: stored, handed over, not run here.
      let theirs = try await first.create(harness.spec(closure, inputs: ["x": .int(3)], name: "right-1"))
      let mine = try await first.create(harness.spec(closure, inputs: ["x": .int(2)], name: "left-1"))
      let status = try await harness.waitForEnd(mine)
      #expect(status.workflowPhase == .success && status.rounds > 0)
      #expect(left.wokenElsewhere == [theirs])
      // Every event this engine recorded is its own execution's.
      #expect(harness.recorder.events(of: theirs).isEmpty)
      return theirs
    }
    #expect(try await #require(first.status(of: theirs)).rounds == 0)

    // The owner finds it at its first resync and runs it to the end.
    let second = Engine(
      configuration: .init(workers: 2, resyncInterval: .seconds(60)), store: harness.store,
      environment: harness.environment, ownership: right)
    second.observe(harness.recorder)
    let status = try await running(second) { try await harness.waitForEnd(theirs) }
    #expect(status.workflowPhase == .success)
    // add(a=double(x=square(x=3)), b=1) == 19
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 19)
  }

  @Test func executionsNoLongerOwnedAreForgotten() async throws {
    let harness = try EngineHarness()
    let closure = try Showcase.closure("showcase.basics.chain")
    let ownership = MovingOwnership()
    ownership.owned.withLock { $0 = ["kept", "moved"] }
    // Not running: created executions wait, kept for their first round.
    let engine = Engine(
      configuration: .init(workers: 1, resyncInterval: .seconds(60)), store: harness.store,
      environment: harness.environment, ownership: ownership)
    let kept = try await engine.create(harness.spec(closure, inputs: ["x": .int(1)], name: "kept"))
    let moved = try await engine.create(harness.spec(closure, inputs: ["x": .int(1)], name: "moved"))
    let elsewhere = try await engine.create(harness.spec(closure, inputs: ["x": .int(1)], name: "elsewhere"))
    #expect(engine.keptExecutions == [kept, moved], "only what it owns is kept")
    _ = ownership.owned.withLock { $0.remove("moved") }
    engine.forgetUnowned()
    #expect(engine.keptExecutions == [kept])
    #expect(try await engine.status(of: elsewhere) != nil, "forgetting drops nothing stored")
  }
}
