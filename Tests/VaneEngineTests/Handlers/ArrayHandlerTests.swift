import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneData
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// The array handler alone, round by round: items start in index order while the array's
/// parallelism allows, each item goes through the plugin like a task node's attempt, one task
/// event per visit lists the items that changed, and the node ends once the items decided it.
/// `showcase.maps.map_wf`'s n1 maps `power(x, exponent=2)` over `xs` with concurrency 2;
/// `partial_success_wf`'s n0 maps `fragile_inverse` with `min_success_ratio=0.75`.
@Suite("Array handler")
struct ArrayHandlerTests {
  func powers(_ xs: [Int64]) async throws -> HandlerHarness {
    let inputs: [String: Flyteidl_Core_Literal] = ["x": .list(xs.map { .int($0) }), "exponent": .int(2)]
    let harness = try HandlerHarness(
      try Showcase.closure("showcase.maps.map_wf"), node: "n1",
      inputs: ["words": .list([]), "xs": .list(xs.map { .int($0) })])
    ArrayNodeTests.scriptMapWF(harness.plugin, words: 0, xs: xs.count)
    try await harness.start(inputs: inputs)
    return harness
  }

  /// The items running now, by the plugin's count.
  func running(_ harness: HandlerHarness) -> Int {
    harness.plugin.attempts.values.filter(\.running).count
  }

  @Test func itemsStartInOrderWithinTheParallelismAndGatherInOrder() async throws {
    let harness = try await powers([1, 2, 3])
    #expect(await harness.handle().verdict.isRunning)
    #expect(running(harness) == 2, "concurrency 2: items 0 and 1 run, item 2 waits")
    #expect(harness.plugin.attempts.values.map(\.nodeID).sorted() == ["n1-0-n0", "n1-0-n1"])
    #expect(await harness.handle().verdict.isRunning)
    #expect(harness.plugin.attempts.values.filter(\.ended).count == 2 && running(harness) == 1)
    let done = await harness.handle().verdict
    let outputs = try await harness.outputs(at: done.outputs)
    #expect(outputs.literals["o0"]?.listValue?.compactMap(\.intValue) == [1, 4, 9])
    #expect(harness.plugin.peakRunning == 2)
    #expect(harness.status.array.succeeded == 3)
  }

  @Test func oneTaskEventPerVisitListsOnlyTheItemsThatChanged() async throws {
    let harness = try await powers([1, 2, 3])
    for _ in 0..<3 { _ = await harness.handle() }
    let events = harness.taskEvents
    #expect(events.count == 3)
    #expect(events.allSatisfy { $0.metadata.pluginIdentifier == "array" })
    #expect(events.map { $0.metadata.externalResources.map(\.index) } == [[0, 1], [0, 1, 2], [2]])
    #expect(events.map(\.phase) == [.running, .running, .succeeded])
    // A new phase starts at version 0; each further event in the same phase counts up.
    #expect(events.map(\.phaseVersion) == [0, 1, 0])
  }

  @Test func theNodeFailsAsSoonAsTooManyItemsFailed() async throws {
    let inputs: [String: Flyteidl_Core_Literal] = ["x": .list((1...4).map { .int($0) })]
    let harness = try HandlerHarness(
      try Showcase.closure("showcase.maps.partial_success_wf"), node: "n0", inputs: ["xs": inputs["x"]!])
    ArrayNodeTests.scriptInverse(
      harness.plugin, count: 4, endings: [0: [0: .permanent], 1: [0: .permanent]])
    try await harness.start(inputs: inputs)
    var verdict = await harness.handle().verdict
    for _ in 0..<5 where verdict.isRunning { verdict = await harness.handle().verdict }
    #expect(verdict.isFailure)
    #expect(verdict.error?.code == "Scripted", "the first item's error, its code kept")
    #expect(verdict.error?.message.contains("2 of 4 items failed; at least 3 had to succeed") == true)
  }

  @Test func listsOfDifferentLengthsAreAnInvalidArrayLength() async throws {
    let harness = try HandlerHarness(
      try Showcase.closure("showcase.maps.map_wf"), node: "n1", inputs: ["words": .list([]), "xs": .list([])])
    try await harness.start(inputs: ["x": .int(3), "exponent": .int(2)])
    let verdict = await harness.handle().verdict
    #expect(verdict.isFailure)
    #expect(verdict.error?.code == "InvalidArrayLength" && verdict.error?.kind == .user)
  }

  @Test func abortStopsTheItemsInFlight() async throws {
    let harness = try await powers([1, 2, 3])
    for index in 0..<3 { harness.plugin.script(ArrayNodeTests.item("n1", index), ShowcaseTasks.square.holding()) }
    _ = await harness.handle()
    await harness.abort(reason: "stop")
    #expect(harness.plugin.attempts.values.map(\.aborts).sorted() == [1, 1])
    #expect(harness.taskEvents.last?.phase == .aborted)
  }

  @Test func itemsOfACacheableTaskAreLookedUpAndStored() async throws {
    var closure = try Showcase.closure("showcase.maps.map_wf")
    for index in closure.tasks.indices where closure.tasks[index].template.id.name.hasSuffix("-arraynode") {
      closure.tasks[index].template.metadata.discoverable = true
      closure.tasks[index].template.metadata.discoveryVersion = "1"
    }
    let keyValues = MemoryKeyValueStore()
    func run(_ name: String, _ xs: [Int64]) async throws -> (HandlerHarness, HandlerVerdict) {
      let inputs: [String: Flyteidl_Core_Literal] = ["x": .list(xs.map { .int($0) }), "exponent": .int(2)]
      let harness = try HandlerHarness(
        closure, node: "n1", inputs: ["words": .list([]), "xs": .list(xs.map { .int($0) })], name: name,
        keyValues: keyValues)
      ArrayNodeTests.scriptMapWF(harness.plugin, words: 0, xs: xs.count)
      try await harness.start(inputs: inputs)
      var verdict = await harness.handle().verdict
      for _ in 0..<6 where verdict.isRunning { verdict = await harness.handle().verdict }
      return (harness, verdict)
    }
    let (first, firstVerdict) = try await run("first", [1, 2, 3])
    #expect(
      try await first.outputs(at: firstVerdict.outputs).literals["o0"]?.listValue?.compactMap(\.intValue) == [1, 4, 9])
    #expect(try await keyValues.keys(CacheCatalog.entries, prefix: "").count == 3)
    let stored = first.taskEvents.flatMap(\.metadata.externalResources).filter { $0.phase == .succeeded }
    #expect(stored.map(\.cacheStatus) == [.cachePopulated, .cachePopulated, .cachePopulated])

    // Items 3 and 1 were computed by the first execution: only the item mapping 4 runs.
    let (second, verdict) = try await run("second", [3, 1, 4])
    #expect(
      try await second.outputs(at: verdict.outputs).literals["o0"]?.listValue?.compactMap(\.intValue) == [9, 1, 16])
    #expect(second.plugin.attempts.values.map(\.nodeID) == [ArrayNodeTests.item("n1", 2)])
    let hits = second.taskEvents.flatMap(\.metadata.externalResources).filter { $0.cacheStatus == .cacheHit }
    #expect(hits.map(\.index).sorted() == [0, 1])
    #expect(try await keyValues.keys(CacheCatalog.entries, prefix: "").count == 4)
  }

  @Test func offloadedMappedInputsAreReadBackBeforeSplitting() async throws {
    let harness = try HandlerHarness(
      try Showcase.closure("showcase.maps.map_wf"), node: "n1", inputs: ["words": .list([]), "xs": .list([])])
    guard case .arrayNode(let array)? = harness.node.target else {
      Issue.record("n1 is not an array node")
      return
    }
    let list = Flyteidl_Core_Literal.list([4, 5, 6].map { .int($0) })
    let uri = harness.dataStore.rootURI.appending("offloaded", "x.pb")
    try await harness.dataStore.writeMessage(list, to: uri)
    var offloaded = Flyteidl_Core_Literal()
    offloaded.offloadedMetadata.uri = uri.rawValue
    offloaded.offloadedMetadata.sizeBytes = UInt64((try list.serializedBytes() as [UInt8]).count)
    var inputs = Flyteidl_Core_LiteralMap()
    inputs.literals = ["x": offloaded, "exponent": .int(2)]

    let loaded = try await ArrayInputs.loadingOffloaded(inputs, of: array, round: harness.round()).get()
    let split = try ArrayInputs.split(loaded, of: array).get()
    #expect(split.count == 3)
    #expect(split.item(1).literals["x"]?.intValue == 5 && split.item(1).literals["exponent"]?.intValue == 2)

    // Gone, or claiming to be huge: the node cannot split its inputs, and says why.
    offloaded.offloadedMetadata.uri = harness.dataStore.rootURI.appending("offloaded", "missing.pb").rawValue
    inputs.literals["x"] = offloaded
    let missing = await ArrayInputs.loadingOffloaded(inputs, of: array, round: harness.round())
    #expect(missing.failureCode == NodeErrorCode.storageError.rawValue)
    offloaded.offloadedMetadata.sizeBytes = ArrayInputs.maxOffloadedBytes + 1
    inputs.literals["x"] = offloaded
    let huge = await ArrayInputs.loadingOffloaded(inputs, of: array, round: harness.round())
    #expect(huge.failureCode == NodeErrorCode.literalOffloadingNotSupported.rawValue)
  }
}

extension Result where Failure == ArrayFailure {
  fileprivate var failureCode: String? {
    if case .failure(let failure) = self { return failure.error.code }
    return nil
  }
}
