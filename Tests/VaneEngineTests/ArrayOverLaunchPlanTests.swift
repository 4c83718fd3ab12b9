import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneCompiler
import VaneData
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// Array nodes that map a launch plan (flytekit's `map_task(launch_plan)`): every item is a
/// child execution of the plan, named per item and attempt, under the array's concurrency and
/// success criteria; the outputs are gathered into lists as for map tasks.
@Suite("Array nodes over launch plans")
struct ArrayOverLaunchPlanTests {
  typealias Plans = LaunchPlanNodeTests

  struct OverLimit: Error, CustomStringConvertible {
    let value: Int64
    var description: String { "a=\(value) is over the limit 5" }
  }

  /// `add`, failing for good when `a` is over 5.
  static let limitedAdd = TaskScript { inputs in
    let a = try inputs.int("a")
    guard a <= 5 else { throw OverLimit(value: a) }
    return literals(["o0": .int(a + (try inputs.int("b")))])
  }

  static func intList() -> Flyteidl_Core_LiteralType {
    var list = Flyteidl_Core_LiteralType()
    list.collectionType.simple = .integer
    return list
  }

  /// `parent(xs) -> o0 = map(plus_ten, concurrency=2)(a=xs)`, as flytekit writes it: the inner
  /// node binds the array's input and has the launch plan's own interface.
  static func closure(
    configure: (inout Flyteidl_Core_ArrayNode) -> Void = { _ in }
  ) throws -> Flyteidl_Core_CompiledWorkflowClosure {
    var array = Flyteidl_Core_ArrayNode()
    array.node = G.launchPlanNode("plus-ten", "plus_ten", [G.bind("a", G.input("xs"))])
    array.parallelism = 2
    array.isOriginalSubNodeInterface = Google_Protobuf_BoolValue(true)
    array.executionMode = .fullState
    configure(&array)
    var node = G.launchPlanNode("n0", "plus_ten", [G.bind("a", G.input("xs"))])
    node.arrayNode = array
    var parent = G.workflow(
      "parent", inputs: ["xs"], outputs: ["o0"], nodes: [node], bindings: [G.bind("o0", G.promise("n0", "o0"))])
    parent.interface.inputs.variables["xs"]?.type = intList()
    parent.interface.outputs.variables["o0"]?.type = intList()
    return try WorkflowCompiler(catalog: Plans.catalog).compile(parent, subWorkflows: [])
  }

  /// The execution `name` of `closure(configure:)` on `xs`, with the `plus_ten` launch plan.
  static func spec(
    _ harness: EngineHarness, xs: [Int64], name: String = "parent",
    configure: (inout Flyteidl_Core_ArrayNode) -> Void = { _ in }
  ) throws -> Vane_ExecutionSpec {
    var spec = harness.spec(try closure(configure: configure), inputs: ["xs": .list(xs.map { .int($0) })], name: name)
    spec.launchPlans = [try G.launchPlanClosure(Plans.plusTen, catalog: Plans.catalog)]
    return spec
  }

  /// The children of execution `parent`, by their `a` input.
  static func children(
    of parent: String, _ harness: EngineHarness, names: [String]
  ) async throws -> [Int64: Vane_ExecutionSpec] {
    var found: [Int64: Vane_ExecutionSpec] = [:]
    for name in names {
      let child = try #require(
        try await harness.engine.spec(of: ResourceKey(project: "proj", domain: "dev", name: name)))
      #expect(child.parentNode.executionID.name == parent)
      found[try #require(child.inputs.literals["a"]?.intValue)] = child
    }
    return found
  }

  static func childName(_ index: Int, attempt: UInt32 = 0, parent: String = "parent") -> String {
    ChildExecutionSpec.name(
      parent: parent, nodeUniqueID: UniqueID.node("n\(index)", parentUniqueID: "n0", parentAttempt: 0),
      attempt: attempt)
  }

  @Test func eachItemIsAChildExecutionAndTheOutputsAreGatheredInOrder() async throws {
    let harness = try EngineHarness()
    let (_, status) = try await harness.execute(try Self.spec(harness, xs: [1, 2, 3, 4, 5]))
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(
      try await harness.outputs(of: status).literals["o0"]?.listValue?.compactMap(\.intValue) == [11, 12, 13, 14, 15])
    let names = (0..<5).map { Self.childName($0) }
    #expect(Set(names).count == 5)
    let children = try await Self.children(of: "parent", harness, names: names)
    #expect(children.keys.sorted() == [1, 2, 3, 4, 5])
    for (a, child) in children {
      // The fixed input applies to every item; each child is linked to the array node.
      #expect(child.inputs.literals["b"]?.intValue == 10)
      #expect(child.inputs.literals["xs"] == nil)
      #expect(child.launchPlan.name == "plus_ten")
      #expect(child.parentNode.nodeID == "n0")
      #expect(child.id.name == Self.childName(Int(a) - 1))
    }
    let node = try #require(status.nodes["n0"])
    #expect(node.array.succeeded == 5 && node.array.failed == 0)
    // Concurrency 2: never more than two `add` tasks (one per child) at once.
    #expect(harness.plugin.peakRunning <= 2)
  }

  @Test func failingItemsUnderTheRatioLeaveNonesAndTheNodeSucceeds() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("add", Self.limitedAdd)
    let spec = try Self.spec(harness, xs: [1, 7, 3, 9]) { $0.minSuccessRatio = 0.5 }
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    let values = try #require(try await harness.outputs(of: status).literals["o0"]?.listValue)
    #expect(values.map(\.intValue) == [11, nil, 13, nil])
    #expect(values[1].scalar.noneType == Flyteidl_Core_Void())
    let failed = try #require(
      try await harness.engine.status(of: ResourceKey(project: "proj", domain: "dev", name: Self.childName(1))))
    #expect(failed.workflowPhase == .failed)
  }

  @Test func tooManyFailingItemsFailTheNodeWithTheFirstChildsError() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("add", Self.limitedAdd)
    let (_, status) = try await harness.execute(try Self.spec(harness, xs: [1, 7, 3, 4]) { $0.parallelism = 0 })
    #expect(status.workflowPhase == .failed)
    let error = try #require(status.nodes["n0"]?.error)
    #expect(error.message.contains("1 of 4 items failed; at least 4 had to succeed"), "\(error.message)")
    #expect(
      error.message.contains("item 1 (attempt 0): child execution \(Self.childName(1)) failed"), "\(error.message)")
    #expect(error.message.contains("a=7 is over the limit 5"), "\(error.message)")
  }

  @Test func abortingTheParentAbortsTheRunningChildren() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("add", ShowcaseTasks.add.holding())
    let children = try await harness.running { () async throws -> [Vane_ExecutionStatus] in
      let key = try await harness.engine.create(try Self.spec(harness, xs: [1, 2, 3]))
      _ = try await harness.waitForStatus(key, "two items in flight") { $0.nodes["n0"]?.array.taskPhases.count == 2 }
      try await eventually("two children's tasks to run") { harness.plugin.runningNow == 2 }
      try await harness.engine.abort(key, reason: "stop")
      let parentEnd = try await harness.waitForEnd(key)
      #expect(parentEnd.workflowPhase == .aborted)
      var ended: [Vane_ExecutionStatus] = []
      for index in 0..<2 {
        ended.append(
          try await harness.waitForEnd(ResourceKey(project: "proj", domain: "dev", name: Self.childName(index))))
      }
      // The third item never started: concurrency 2.
      #expect(
        try await harness.engine.status(of: ResourceKey(project: "proj", domain: "dev", name: Self.childName(2))) == nil
      )
      return ended
    }
    #expect(children.allSatisfy { $0.workflowPhase == .aborted })
  }

  @Test func aMissingLaunchPlanFailsTheArrayNodeWithAClearError() async throws {
    let harness = try EngineHarness()
    var spec = try Self.spec(harness, xs: [1])
    spec.launchPlans = []
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .failed)
    #expect(status.nodes["n0"]?.error.code == "RuntimeExecutionError")
    #expect(status.nodes["n0"]?.error.message.contains("plus_ten") == true)
  }
}
