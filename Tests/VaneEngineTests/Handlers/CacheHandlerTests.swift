import FlyteIDL
import Foundation
import Testing
import VaneData
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// The data cache decorator around a task node, round by round, over an in-memory key-value
/// store and a manual clock: misses run the task and populate the cache, hits skip it,
/// `cache_serialize` makes one execution compute a key while others wait for its entry.
@Suite("Cache handler")
struct CacheHandlerTests {
  static func task(serialized: Bool = false) -> Flyteidl_Core_TaskTemplate {
    var task = G.task("square", inputs: ["x"])
    task.metadata.discoverable = true
    task.metadata.discoveryVersion = "1.0"
    task.metadata.cacheSerializable = serialized
    return task
  }

  func harness(
    name: String = "exec", serialized: Bool = false, keyValues: any KeyValueStore = MemoryKeyValueStore(),
    overwrite: Bool = false
  ) async throws -> HandlerHarness {
    let harness = try HandlerHarness(
      try OneNode.task(Self.task(serialized: serialized)), node: "n0", name: name, keyValues: keyValues
    ) { spec in spec.config.overwriteCache = overwrite }
    try await harness.start(inputs: ["x": .int(3)])
    return harness
  }

  func key(_ harness: HandlerHarness) throws -> CacheKey {
    try #require(try CacheKey(task: Self.task(), inputs: literals(["x": .int(3)])))
  }

  func catalog(_ harness: HandlerHarness) -> CacheCatalog { CacheCatalog(keyValues: harness.keyValues) }

  func cacheStatus(_ harness: HandlerHarness) -> Flyteidl_Core_CatalogCacheStatus? {
    Flyteidl_Core_CatalogCacheStatus(rawValue: Int(harness.status.cacheStatus))
  }

  @Test func aMissRunsTheTaskAndPopulatesTheCache() async throws {
    let harness = try await harness()
    #expect(await harness.handle().verdict.isRunning)
    #expect(cacheStatus(harness) == .cacheMiss)
    let done = await harness.handle().verdict
    #expect(done.outputs == harness.paths.outputs)
    #expect(cacheStatus(harness) == .cachePopulated)
    let entries = try await harness.keyValues.keys(CacheCatalog.entries, prefix: "")
    #expect(entries == [try key(harness).value])
    let data = try #require(try await harness.keyValues.value(CacheCatalog.entries, entries[0]))
    #expect(try JSONDecoder().decode(CacheCatalog.Entry.self, from: data).source == "proj/dev/exec/n0/0")
  }

  @Test func aHitSkipsTheTaskAndCopiesTheOutputs() async throws {
    let keyValues = MemoryKeyValueStore()
    let first = try await harness(keyValues: keyValues)
    _ = await first.handle()
    _ = await first.handle()
    let second = try await harness(name: "second", keyValues: keyValues)
    let hit = await second.handle().verdict
    #expect(hit.outputs == second.paths.outputs)
    #expect(cacheStatus(second) == .cacheHit)
    #expect(second.plugin.attempts.isEmpty, "the cached task does not run")
    #expect(try await second.outputs(at: hit.outputs).literals["o0"]?.intValue == 9)
  }

  @Test func overwriteCacheRunsAndReplacesTheEntry() async throws {
    let keyValues = MemoryKeyValueStore()
    let first = try await harness(keyValues: keyValues)
    _ = await first.handle()
    _ = await first.handle()
    let again = try await harness(name: "again", keyValues: keyValues, overwrite: true)
    _ = await again.handle()
    #expect(cacheStatus(again) == .cacheSkipped)
    _ = await again.handle()
    #expect(cacheStatus(again) == .cachePopulated)
    #expect(again.plugin.attempts.count == 1)
    let data = try #require(try await keyValues.value(CacheCatalog.entries, try key(again).value))
    #expect(try JSONDecoder().decode(CacheCatalog.Entry.self, from: data).source == "proj/dev/again/n0/0")
  }

  @Test func aLiveReservationElsewhereMakesTheNodeWaitForTheEntry() async throws {
    let harness = try await harness(serialized: true)
    let key = try key(harness)
    #expect(
      try await catalog(harness).reserve(
        key, owner: "proj/dev/other/n0", now: harness.clock.date, lifetime: .seconds(30))
        == .acquired)
    for _ in 0..<3 {
      let waiting = await harness.handle().verdict
      #expect(waiting.kind == .waiting && waiting.wakeUpAfter == .seconds(1))
      #expect(waiting.reason.contains("proj/dev/other/n0"))
      #expect(cacheStatus(harness) == .cacheDisabled, "undecided: the next round looks up again")
      harness.clock.advance(by: .seconds(1))
    }
    #expect(harness.plugin.attempts.isEmpty)
    try await catalog(harness).store(literals(["o0": .int(9)]), for: key, source: "other", at: harness.clock.date)
    try await catalog(harness).release(key, owner: "proj/dev/other/n0")
    let hit = await harness.handle().verdict
    #expect(hit.outputs == harness.paths.outputs && cacheStatus(harness) == .cacheHit)
    #expect(harness.plugin.attempts.isEmpty)
  }

  @Test func theOwnerKeepsItsReservationAliveAndGivesItUp() async throws {
    let harness = try await harness(serialized: true)
    harness.plugin.script("square", ShowcaseTasks.square.holding())
    #expect(await harness.handle().verdict.isRunning)
    let key = try key(harness)
    let catalog = catalog(harness)
    harness.clock.advance(by: .seconds(25))
    let running = await harness.handle().verdict
    #expect(running.isRunning)
    let (_, round) = await harness.handle()
    #expect(round.wakeUpAfter == .seconds(10), "looked at again well before the reservation expires")
    // Someone else asks now: the extended reservation still holds.
    let claim = try await catalog.reserve(key, owner: "x", now: harness.clock.date, lifetime: .seconds(30))
    #expect(claim != .acquired)
    harness.plugin.release("n0")
    _ = await harness.handle()
    #expect(cacheStatus(harness) == .cachePopulated)
    #expect(try await harness.keyValues.keys(CacheCatalog.reservations, prefix: "").isEmpty, "released")
  }

  @Test func anExpiredReservationIsTakenOver() async throws {
    let harness = try await harness(serialized: true)
    let key = try key(harness)
    let past = harness.clock.now.advanced(by: .seconds(-120)).date
    _ = try await catalog(harness).reserve(key, owner: "proj/dev/dead/n0", now: past, lifetime: .seconds(30))
    #expect(await harness.handle().verdict.isRunning)
    #expect(cacheStatus(harness) == .cacheMiss)
    #expect(harness.plugin.attempts.count == 1)
  }

  @Test func aFailedRunReleasesTheReservationAndCachesNothing() async throws {
    let harness = try await harness(serialized: true)
    harness.plugin.script("square", ShowcaseTasks.square.ending([:], otherwise: .permanent))
    _ = await harness.handle()
    #expect(await harness.handle().verdict.isFailure)
    #expect(try await harness.keyValues.keys(CacheCatalog.reservations, prefix: "").isEmpty)
    #expect(try await harness.keyValues.keys(CacheCatalog.entries, prefix: "").isEmpty)
  }

  @Test func unreadableInputsRunTheTaskWithoutTheCache() async throws {
    let harness = try await harness()
    harness.dataStore.failing(harness.paths.inputs, [.read], with: .ioFailed)
    let verdict = await harness.handle().verdict
    #expect(cacheStatus(harness) == .cacheLookupFailure)
    #expect(verdict.isRunning && harness.plugin.attempts.count == 1, "the task runs anyway")
  }

  @Test func nodeCacheSettingsOverrideTheTasks() async throws {
    // An uncached task made cacheable by the node (flytekit's `with_overrides(cache=…)`).
    let uncached = G.task("square", inputs: ["x"])
    let cachedByNode = try HandlerHarness(
      try OneNode.task(uncached) { node in
        node.metadata.cacheable = true
        node.metadata.cacheVersion = "node-1"
      }, node: "n0")
    try await cachedByNode.start(inputs: ["x": .int(3)])
    _ = await cachedByNode.handle()
    _ = await cachedByNode.handle()
    #expect(cacheStatus(cachedByNode) == .cachePopulated)
    let entries = try await cachedByNode.keyValues.keys(CacheCatalog.entries, prefix: "")
    #expect(entries.count == 1 && entries[0].contains("/node-1-"), "\(entries)")

    // A cached task turned off by the node.
    let turnedOff = try HandlerHarness(
      try OneNode.task(Self.task()) { node in node.metadata.cacheable = false }, node: "n0")
    try await turnedOff.start(inputs: ["x": .int(3)])
    _ = await turnedOff.handle()
    _ = await turnedOff.handle()
    #expect(cacheStatus(turnedOff) == .cacheDisabled)
    #expect(try await turnedOff.keyValues.keys(CacheCatalog.entries, prefix: "").isEmpty)
  }
}
