import FlyteIDL
import Foundation
import Testing
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// The data cache. `showcase.basics.resilient(x)` runs `flaky_once` as n0 and
/// `cached_square` (cache=True, cache_version "1.0") as n1, both on `x`.
@Suite("Data cache")
struct CacheTests {
  static let workflow = "showcase.basics.resilient"

  /// The closure, with `cached_square` serialized when asked.
  func closure(serialized: Bool = false) throws -> Flyteidl_Core_CompiledWorkflowClosure {
    var closure = try Showcase.closure(Self.workflow)
    let index = try #require(closure.tasks.firstIndex { $0.template.id.name.hasSuffix("cached_square") })
    closure.tasks[index].template.metadata.cacheSerializable = serialized
    return closure
  }

  /// Attempts the plugin saw of node `nodeID` in execution `name`.
  func runs(_ harness: EngineHarness, _ name: String, _ nodeID: String = "n1") -> Int {
    harness.plugin.attempts.filter { $0.key.hasPrefix("\(name)-") && $0.value.nodeID == nodeID }.count
  }

  /// Runs the executions one after the other in one engine run; their keys and final statuses.
  func sequentially(
    _ harness: EngineHarness, _ specs: [Vane_ExecutionSpec]
  ) async throws -> [(
    ResourceKey, Vane_ExecutionStatus
  )] {
    try await harness.running {
      var results: [(ResourceKey, Vane_ExecutionStatus)] = []
      for spec in specs {
        let key = try await harness.engine.create(spec)
        results.append((key, try await harness.waitForEnd(key)))
      }
      return results
    }
  }

  func cacheStatus(_ status: Vane_ExecutionStatus) -> Flyteidl_Core_CatalogCacheStatus? {
    status.nodes["n1"].flatMap { Flyteidl_Core_CatalogCacheStatus(rawValue: Int($0.cacheStatus)) }
  }

  /// The cache status reported by the last node event of `nodeID`.
  func reportedCacheStatus(
    _ harness: EngineHarness, _ key: ResourceKey, _ nodeID: String = "n1"
  )
    -> Flyteidl_Core_CatalogCacheStatus?
  {
    harness.recorder.events(of: key).compactMap { event -> Flyteidl_Event_NodeExecutionEvent? in
      guard case .node(let node) = event.message, node.id.nodeID == nodeID else { return nil }
      return node
    }.last?.taskNodeMetadata.cacheStatus
  }

  @Test func aSecondRunWithTheSameInputsReusesTheOutputs() async throws {
    let harness = try EngineHarness()
    let results = try await sequentially(
      harness,
      [
        harness.spec(try closure(), inputs: ["x": .int(3)], name: "first"),
        harness.spec(try closure(), inputs: ["x": .int(3)], name: "second"),
      ])
    let (firstKey, first) = results[0]
    #expect(first.workflowPhase == .success, "\(first.message)")
    #expect(cacheStatus(first) == .cachePopulated)
    #expect(reportedCacheStatus(harness, firstKey) == .cachePopulated)
    #expect(runs(harness, "first") == 1)

    let (key, second) = results[1]
    #expect(second.workflowPhase == .success, "\(second.message)")
    #expect(try await harness.outputs(of: second).literals["o1"]?.intValue == 9)
    #expect(cacheStatus(second) == .cacheHit)
    #expect(runs(harness, "second") == 0, "the cached task must not run again")
    #expect(runs(harness, "second", "n0") == 1, "the uncached task runs again")
    #expect(reportedCacheStatus(harness, key) == .cacheHit)
    // The outputs were copied to the node's own outputs.pb.
    let node = try #require(second.nodes["n1"])
    #expect(node.outputsUri.contains("proj-dev-second/n1/data/0/outputs.pb"), "\(node.outputsUri)")
    #expect(try await harness.outputs(of: node).literals["o0"]?.intValue == 9)
    #expect(harness.recorder.lines(of: key).starting(with: "task n1#").isEmpty)
  }

  @Test func otherInputsMissTheCache() async throws {
    let harness = try EngineHarness()
    let results = try await sequentially(
      harness,
      [
        harness.spec(try closure(), inputs: ["x": .int(3)], name: "first"),
        harness.spec(try closure(), inputs: ["x": .int(4)], name: "second"),
      ])
    let second = results[1].1
    #expect(cacheStatus(second) == .cachePopulated)
    #expect(runs(harness, "second") == 1)
    #expect(try await harness.outputs(of: second).literals["o1"]?.intValue == 16)
    let entries = try await harness.engine.environment.keyValues.keys(CacheCatalog.entries, prefix: "")
    #expect(entries.count == 2)
  }

  @Test func overwriteCacheRecomputesAndReplacesTheEntry() async throws {
    let harness = try EngineHarness()
    var spec = harness.spec(try closure(), inputs: ["x": .int(3)], name: "again")
    spec.config.overwriteCache = true
    let results = try await sequentially(
      harness, [harness.spec(try closure(), inputs: ["x": .int(3)], name: "first"), spec])
    let status = results[1].1
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(runs(harness, "again") == 1)
    #expect(cacheStatus(status) == .cachePopulated)
    let keyValues = harness.engine.environment.keyValues
    let keys = try await keyValues.keys(CacheCatalog.entries, prefix: "")
    #expect(keys.count == 1)
    let data = try #require(try await keyValues.value(CacheCatalog.entries, keys[0]))
    let entry = try JSONDecoder().decode(CacheCatalog.Entry.self, from: data)
    #expect(entry.source == "proj/dev/again/n1/0")
  }

  @Test func cacheSerializeComputesOnceForConcurrentExecutions() async throws {
    let clock = ManualClock()
    let harness = try EngineHarness(clock: clock)
    harness.plugin.script("cached_square", ShowcaseTasks.square.holding())
    let closure = try closure(serialized: true)
    let (a, b) = try await harness.running {
      let a = try await harness.engine.create(harness.spec(closure, inputs: ["x": .int(5)], name: "one"))
      let b = try await harness.engine.create(harness.spec(closure, inputs: ["x": .int(5)], name: "two"))
      try await eventually("one of them to start cached_square") { harness.plugin.isRunning("n1") }
      // The other looks again every second: give it three looks, each one a whole round.
      for _ in 0..<3 {
        try await harness.waitForTimer(after: CachedNodeHandler<TaskNodeHandler>.waitInterval)
        clock.advance(by: CachedNodeHandler<TaskNodeHandler>.waitInterval)
      }
      try await harness.waitForTimer(after: CachedNodeHandler<TaskNodeHandler>.waitInterval)
      #expect(runs(harness, "one") + runs(harness, "two") == 1)
      let reservations = try await harness.engine.environment.keyValues.keys(CacheCatalog.reservations, prefix: "")
      #expect(reservations.count == 1)
      harness.plugin.release("n1")
      try await eventually("the computing execution to end") { harness.recorder.ended(a) || harness.recorder.ended(b) }
      // The waiting one finds the entry at its next look.
      clock.advance(by: CachedNodeHandler<TaskNodeHandler>.waitInterval)
      return (try await harness.waitForEnd(a), try await harness.waitForEnd(b))
    }
    #expect(a.workflowPhase == .success && b.workflowPhase == .success, "\(a.message) \(b.message)")
    #expect(runs(harness, "one") + runs(harness, "two") == 1)
    #expect(Set([cacheStatus(a), cacheStatus(b)]) == [.cachePopulated, .cacheHit])
    #expect(try await harness.outputs(of: a).literals["o1"]?.intValue == 25)
    #expect(try await harness.outputs(of: b).literals["o1"]?.intValue == 25)
    let left = try await harness.engine.environment.keyValues.keys(CacheCatalog.reservations, prefix: "")
    #expect(left.isEmpty, "the reservation is released")
  }

  @Test func anExpiredReservationIsTakenOver() async throws {
    let clock = ManualClock()
    let harness = try EngineHarness(clock: clock)
    let closure = try closure(serialized: true)
    let task = try #require(closure.tasks.first { $0.template.id.name.hasSuffix("cached_square") }).template
    let key = try #require(try CacheKey(task: task, inputs: literals(["x": .int(6)])))
    let catalog = CacheCatalog(keyValues: harness.engine.environment.keyValues)
    let past = clock.now.advanced(by: .seconds(-120)).date
    #expect(try await catalog.reserve(key, owner: "proj/dev/dead/n1", now: past, lifetime: .seconds(30)) == .acquired)
    let (_, status) = try await harness.execute(harness.spec(closure, inputs: ["x": .int(6)], name: "alive"))
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(runs(harness, "alive") == 1)
    #expect(cacheStatus(status) == .cachePopulated)
  }

  @Test func aLiveReservationMakesTheNodeWaitForTheResult() async throws {
    let clock = ManualClock()
    let harness = try EngineHarness(clock: clock)
    let closure = try closure(serialized: true)
    let task = try #require(closure.tasks.first { $0.template.id.name.hasSuffix("cached_square") }).template
    let key = try #require(try CacheKey(task: task, inputs: literals(["x": .int(7)])))
    let catalog = CacheCatalog(keyValues: harness.engine.environment.keyValues)
    #expect(
      try await catalog.reserve(key, owner: "proj/dev/other/n1", now: clock.date, lifetime: .seconds(60)) == .acquired)
    let status = try await harness.running {
      let id = try await harness.engine.create(harness.spec(closure, inputs: ["x": .int(7)], name: "waiter"))
      _ = try await harness.waitForStatus(id, "n0 to finish") { $0.nodes["n0"]?.nodePhase == .succeeded }
      for _ in 0..<2 {
        try await harness.waitForTimer(after: .seconds(1))
        #expect(try await harness.engine.status(of: id)?.nodes["n1"]?.nodePhase == .queued)
        clock.advance(by: .seconds(1))
      }
      try await harness.waitForTimer(after: .seconds(1))
      // The other owner finishes: writes the entry and gives the reservation up.
      try await catalog.store(literals(["o0": .int(49)]), for: key, source: "proj/dev/other/n1/0", at: clock.date)
      try await catalog.release(key, owner: "proj/dev/other/n1")
      clock.advance(by: .seconds(1))
      return try await harness.waitForEnd(id)
    }
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(runs(harness, "waiter") == 0)
    #expect(cacheStatus(status) == .cacheHit)
    #expect(try await harness.outputs(of: status).literals["o1"]?.intValue == 49)
  }

  @Test func theKeyIgnoresListedInputsAndUsesLiteralHashes() throws {
    var task = Flyteidl_Core_TaskTemplate()
    task.id.name = "t"
    task.metadata.discoverable = true
    task.metadata.discoveryVersion = "1"
    task.interface.inputs.variables["a"] = Flyteidl_Core_Variable()
    task.interface.inputs.variables["b"] = Flyteidl_Core_Variable()
    func key(_ inputs: [String: Flyteidl_Core_Literal], _ template: Flyteidl_Core_TaskTemplate? = nil) throws -> String
    {
      try #require(try CacheKey(task: template ?? task, inputs: literals(inputs))).value
    }
    let base = try key(["a": .int(1), "b": .int(2)])
    #expect(base.hasPrefix("//t/1-"))
    #expect(try key(["a": .int(1), "b": .int(2)]) == base, "deterministic")
    #expect(try key(["a": .int(1), "b": .int(3)]) != base)
    var ignoring = task
    ignoring.metadata.cacheIgnoreInputVars = ["b"]
    #expect(try key(["a": .int(1), "b": .int(2)], ignoring) == key(["a": .int(1), "b": .int(9)], ignoring))
    var version2 = task
    version2.metadata.discoveryVersion = "2"
    #expect(try key(["a": .int(1), "b": .int(2)], version2) != base)
    var retyped = task
    retyped.interface.outputs.variables["o0"] = Flyteidl_Core_Variable()
    #expect(try key(["a": .int(1), "b": .int(2)], retyped) != base)
    // Values with a hash count by their hash only.
    var first = Flyteidl_Core_Literal.string("s3://bucket/one")
    first.hash = "h1"
    var second = Flyteidl_Core_Literal.string("s3://bucket/two")
    second.hash = "h1"
    #expect(try key(["a": .list([first]), "b": .int(2)]) == key(["a": .list([second]), "b": .int(2)]))
    var unversioned = task
    unversioned.metadata.discoveryVersion = " "
    #expect(try CacheKey(task: unversioned, inputs: literals([:])) == nil)
  }
}
