import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneData
import VaneModel
import VaneTesting

@testable import VaneEngine

/// Array nodes (`map_task`) on the showcase's `maps` workflows: `map_wf` maps `to_upper` over
/// `words` (n0) and `power` with the partial `exponent=2` over `xs` with concurrency 2 (n1),
/// then sums the squares (n2); `partial_success_wf` maps `fragile_inverse` over `xs` with
/// `min_success_ratio=0.75` (n0). Items read the array's whole inputs, so each item's script
/// (keyed by the item's unique id, `<node>-<attempt>-n<index>`) picks its own element.
@Suite("Array nodes")
struct ArrayNodeTests {
  static func item(_ node: String, _ index: Int) -> String {
    UniqueID.node("n\(index)", parentUniqueID: node, parentAttempt: 0)
  }

  /// Scripts for every item of n0 (to_upper) and n1 (power) of `map_wf`.
  static func scriptMapWF(_ plugin: ScriptedPlugin, words: Int, xs: Int) {
    plugin.script("total", TaskScript { inputs in literals(["o0": .int(try inputs.ints("values").reduce(0, +))]) })
    for index in 0..<words {
      plugin.script(
        item("n0", index),
        TaskScript { inputs in
          let word = inputs.literals["word"]?.listValue?[index].stringValue ?? "?"
          return literals(["o0": .string(word.uppercased())])
        })
    }
    for index in 0..<xs {
      plugin.script(
        item("n1", index),
        TaskScript { inputs in
          let x = try inputs.ints("x")[index]
          var result: Int64 = 1
          for _ in 0..<(try inputs.int("exponent")) { result *= x }
          return literals(["o0": .int(result)])
        })
    }
  }

  /// Scripts for the items of `partial_success_wf`: 1/x, ending as `endings` says per item.
  static func scriptInverse(_ plugin: ScriptedPlugin, count: Int, endings: [Int: [UInt32: AttemptEnding]] = [:]) {
    for index in 0..<count {
      let script = TaskScript { inputs in
        literals(["o0": .float(1.0 / Double(try inputs.ints("x")[index]))])
      }
      plugin.script(item("n0", index), script.ending(endings[index] ?? [:]))
    }
  }

  @Test func mapsWithAPartialGatherListsInItemOrder() async throws {
    let harness = try EngineHarness()
    Self.scriptMapWF(harness.plugin, words: 3, xs: 4)
    let spec = harness.spec(
      try Showcase.closure("showcase.maps.map_wf"),
      inputs: ["words": .list([.string("map"), .string("a"), .string("task")]), "xs": .list((1...4).map { .int($0) })])
    let (key, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    let outputs = try await harness.outputs(of: status)
    #expect(outputs.literals["o0"]?.listValue?.compactMap(\.stringValue) == ["MAP", "A", "TASK"])
    let sumOfSquares: Int64 = 1 + 4 + 9 + 16
    #expect(outputs.literals["o1"]?.intValue == sumOfSquares)
    let node = try #require(status.nodes["n1"])
    #expect(node.array.phases == Data(repeating: UInt8(NodePhase.succeeded.rawValue), count: 4))
    #expect(node.array.attempts == Data(repeating: 1, count: 4))
    #expect(node.array.succeeded == 4 && node.array.failed == 0)
    #expect(node.array.pluginStates.isEmpty && node.array.taskPhases.isEmpty)
    #expect(node.outputsUri.hasSuffix("/n1/data/0/outputs.pb"))
    let lines = harness.recorder.lines(of: key)
    #expect(lines.starting(with: "node n1 ") == ["node n1 queued", "node n1 running", "node n1 succeeded"])
    #expect(lines.starting(with: "task n1#0 ").last == "task n1#0 succeeded")
    // Events carry the items that changed, never one event per item.
    let arrayEvents = harness.recorder.events(of: key).compactMap { event -> Flyteidl_Event_TaskExecutionEvent? in
      guard case .task(let task) = event.message, task.parentNodeExecutionID.nodeID == "n1" else { return nil }
      return task
    }
    let succeededItems = Set(
      arrayEvents.flatMap(\.metadata.externalResources).filter { $0.phase == .succeeded }.map(\.index))
    #expect(succeededItems == [0, 1, 2, 3])
    #expect(arrayEvents.count < 4 * 2)
  }

  @Test func parallelismLimitsTheItemsRunningAtOnce() async throws {
    let harness = try EngineHarness()
    Self.scriptMapWF(harness.plugin, words: 0, xs: 7)
    let spec = harness.spec(
      try Showcase.closure("showcase.maps.map_wf"), inputs: ["words": .list([]), "xs": .list((1...7).map { .int($0) })])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(harness.plugin.peakRunning == 2, "map_task(power, concurrency=2)")
    let outputs = try await harness.outputs(of: status)
    #expect(outputs.literals["o0"]?.listValue?.isEmpty == true, "an empty list maps to an empty list")
    #expect(outputs.literals["o1"]?.intValue == (1...7).reduce(0) { $0 + $1 * $1 })
  }

  @Test func failedItemsBecomeNoneUnderMinSuccessRatio() async throws {
    let harness = try EngineHarness()
    Self.scriptInverse(harness.plugin, count: 4, endings: [2: [0: .permanent]])
    let spec = harness.spec(
      try Showcase.closure("showcase.maps.partial_success_wf"),
      inputs: ["xs": .list([.int(1), .int(2), .int(0), .int(4)])])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    let list = try #require(try await harness.outputs(of: status).literals["o0"]?.listValue)
    #expect(list.count == 4)
    #expect([0, 1, 3].map { list[$0].floatValue } == [1.0, 0.5, 0.25])
    // List[Optional[float]]: the failed item is the union's none variant, as flytekit writes None.
    guard case .union(let union)? = list[2].scalar.value else {
      Issue.record("item 2 is \(list[2]), not a union none")
      return
    }
    #expect(union.value.scalar.value == .noneType(Flyteidl_Core_Void()))
    #expect(union.type.type == .simple(.none))
    let node = try #require(status.nodes["n0"])
    #expect(node.array.succeeded == 3 && node.array.failed == 1)
    #expect(NodePhase(stored: Int32(node.array.phases[2])) == .failed)
  }

  @Test func tooManyFailuresFailTheNodeWithTheFirstErrorAndACount() async throws {
    let harness = try EngineHarness()
    Self.scriptInverse(harness.plugin, count: 4, endings: [0: [0: .permanent], 1: [0: .permanent]])
    let spec = harness.spec(
      try Showcase.closure("showcase.maps.partial_success_wf"),
      inputs: ["xs": .list([.int(0), .int(0), .int(1), .int(2)])])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .failed)
    #expect(node.error.kind == .user)
    #expect(node.error.message.hasPrefix("2 of 4 items failed; at least 3 had to succeed. First failure: item 0"))
    // Nothing is left running once the node failed.
    #expect(node.array.taskPhases.isEmpty)
    #expect(harness.plugin.attempts.values.allSatisfy { !$0.running })
  }

  @Test func itemsAreRetriedOnTheirOwnBudgets() async throws {
    let harness = try EngineHarness()
    // fragile_inverse has no user retries; system errors have their own budget (3).
    Self.scriptInverse(harness.plugin, count: 3, endings: [1: [0: .retryable(.system), 1: .retryable(.system)]])
    let spec = harness.spec(
      try Showcase.closure("showcase.maps.partial_success_wf"), inputs: ["xs": .list([.int(1), .int(2), .int(4)])])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    let node = try #require(status.nodes["n0"])
    #expect([UInt8](node.array.attempts) == [1, 3, 1])
    #expect([UInt8](node.array.systemFailures) == [0, 2, 0])
    #expect(harness.plugin.attempts(of: Self.item("n0", 1)).map(\.attempt) == [0, 1, 2])
    #expect(
      try await harness.outputs(of: status).literals["o0"]?.listValue?.compactMap(\.floatValue) == [1.0, 0.5, 0.25])
    // The third attempt of item 1 wrote under the item's own attempt directory.
    let uri = harness.layout.arrayItem(
      1, attempt: 2, parent: harness.layout.topLevelNode("n0", attempt: 0, executionDirectory: DataURI(spec.dataDir)))
    #expect(try await harness.dataStore.exists(uri.outputs))
  }

  @Test func outputsHandedBackInMemoryAreGatheredWithFileOutputsInItemOrder() async throws {
    let harness = try EngineHarness()
    let count = 7
    // Items 0, 2, 4, 6 hand their outputs back in memory, 1 and 5 write outputs.pb, 3 fails.
    var endings: [Int: [UInt32: AttemptEnding]] = [3: [0: .permanent]]
    for index in stride(from: 0, to: count, by: 2) { endings[index] = [0: .succeedInMemory] }
    Self.scriptInverse(harness.plugin, count: count, endings: endings)
    let spec = harness.spec(
      try Showcase.closure("showcase.maps.partial_success_wf"),
      inputs: ["xs": .list((1...count).map { .int(Int64($0)) })])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    let node = try #require(status.nodes["n0"])
    #expect(node.array.outputChunks.isEmpty == false, "in-memory outputs are kept in item files")
    let list = try #require(try await harness.outputs(of: status).literals["o0"]?.listValue)
    #expect(list.count == count)
    for index in 0..<count where index != 3 {
      #expect(list[index].floatValue == 1.0 / Double(index + 1), "item \(index)")
    }
    #expect(list[3].floatValue == nil, "the failed item is none")
  }

  @Test func inMemoryOutputsMissingAVariableFailTheItem() async throws {
    let harness = try EngineHarness()
    for index in 0..<2 {
      harness.plugin.script(
        Self.item("n0", index), TaskScript { _ in literals([:]) }.ending([0: .succeedInMemory]).immediately())
    }
    let spec = harness.spec(
      try Showcase.closure("showcase.maps.partial_success_wf"), inputs: ["xs": .list([.int(1), .int(2)])])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .failed)
    #expect(status.nodes["n0"]?.error.message.contains("finished without its outputs o0") == true, "\(status.message)")
  }

  @Test func aThousandItemsKeepTheStatusSmall() async throws {
    let harness = try EngineHarness()
    let count = 1_000
    for index in 0..<count {
      harness.plugin.script(
        Self.item("n0", index),
        TaskScript { inputs in literals(["o0": .float(Double(try inputs.ints("x")[index]))]) }.immediately())
    }
    let spec = harness.spec(
      try Showcase.closure("showcase.maps.partial_success_wf"),
      inputs: ["xs": .list((1...count).map { .int(Int64($0)) })])
    let (_, status) = try await harness.execute(spec, within: .seconds(60))
    #expect(status.workflowPhase == .success, "\(status.message)")
    let node = try #require(status.nodes["n0"])
    let bytes: [UInt8] = try node.array.serializedBytes()
    let size = bytes.count
    #expect(size <= 3 * count + 64, "\(size) bytes for \(count) items")
    #expect(try await harness.outputs(of: status).literals["o0"]?.listValue?.count == count)
  }
}

@Suite("Array node rules")
struct ArrayNodeRuleTests {
  func array(_ configure: (inout Flyteidl_Core_ArrayNode) -> Void = { _ in }) -> Flyteidl_Core_ArrayNode {
    var array = Flyteidl_Core_ArrayNode()
    configure(&array)
    return array
  }

  @Test func minSuccessesFollowTheCriteria() {
    #expect(ArraySuccessCriteria.minSuccesses(array(), count: 10) == 10)
    #expect(ArraySuccessCriteria.minSuccesses(array { $0.minSuccesses = 4 }, count: 10) == 4)
    #expect(ArraySuccessCriteria.minSuccesses(array { $0.minSuccessRatio = 0.75 }, count: 10) == 8)
    // 0.3 arrives as the float 0.30000001; 3 of 10 are enough, as the user meant.
    #expect(ArraySuccessCriteria.minSuccesses(array { $0.minSuccessRatio = 0.3 }, count: 10) == 3)
    #expect(ArraySuccessCriteria.minSuccesses(array { $0.minSuccessRatio = 1 }, count: 100_000) == 100_000)
    #expect(ArraySuccessCriteria.minSuccesses(array { $0.minSuccessRatio = 0.5 }, count: 0) == 0)
  }

  @Test func listsAreMappedAndEverythingElseIsBound() throws {
    let inputs = literals([
      "x": .list([.int(1), .int(2)]), "exponent": .int(3), "names": .list([.string("a"), .string("b"), .string("c")]),
    ])
    let split = try ArrayInputs.split(inputs, of: array { $0.boundInputs = ["names"] }).get()
    #expect(split.count == 2)
    let item = split.item(1)
    #expect(item.literals["x"]?.intValue == 2)
    #expect(item.literals["exponent"]?.intValue == 3)
    #expect(item.literals["names"]?.listValue?.count == 3)
  }

  @Test func mappedListsOfDifferentLengthsAreAUserError() {
    let inputs = literals(["x": .list([.int(1), .int(2)]), "y": .list([.int(1)])])
    guard case .failure(let failure) = ArrayInputs.split(inputs, of: array()) else {
      Issue.record("split succeeded")
      return
    }
    #expect(failure.error.code == "InvalidArrayLength")
    #expect(failure.error.kind == .user)
  }

  @Test func packedItemsRoundTrip() {
    var items = ArrayItems(count: 5)
    items.startAttempt(0)
    items.startAttempt(1)
    items.end(0, as: .succeeded)
    items.pluginStates[1] = Data([9])
    let restored = ArrayItems(items.stored)
    #expect(restored.phases == items.phases && restored.attempts == [1, 1, 0, 0, 0])
    #expect(restored.nextToStart == 2 && restored.inFlight == [1] && restored.succeeded == 1)
    #expect(items.stored.pluginStates == [1: Data([9])])
  }

  @Test func theReportedErrorIsTheLowestFailedItemWhateverTheOrder() {
    var items = ArrayItems(count: 4)
    for index in 0..<4 { items.startAttempt(index) }
    items.end(2, as: .failed, error: .make(code: "E", message: "two", kind: .user))
    items.end(1, as: .failed, error: .make(code: "E", message: "one", kind: .user))
    items.end(3, as: .failed, error: .make(code: "E", message: "three", kind: .user))
    let restored = ArrayItems(items.stored)
    #expect(restored.firstError?.message == "item 1 (attempt 0): one")
    #expect(restored.firstErrorItem == 1)
  }
}
