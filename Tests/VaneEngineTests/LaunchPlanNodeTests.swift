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

/// Launch-plan nodes: the node starts the launch plan as a child execution linked to it,
/// waits for it and takes its outputs; aborting the parent aborts the child.
@Suite("Launch-plan nodes")
struct LaunchPlanNodeTests {
  static let add = G.task("add", inputs: ["a", "b"])
  /// `adder(a, b) -> o0 = add(a, b)`, the launch plan's workflow.
  static let adder = G.workflow(
    "adder", inputs: ["a", "b"], outputs: ["o0"],
    nodes: [G.taskNode("n0", "add", [G.bind("a", G.input("a")), G.bind("b", G.input("b"))])],
    bindings: [G.bind("o0", G.promise("n0", "o0"))])
  /// b is fixed at 10.
  static let plusTen = G.launchPlan("plus_ten", workflow: adder, fixed: ["b": 10])
  /// a defaults to 100, b is free.
  static let fromHundred = G.launchPlan("from_hundred", workflow: adder, defaults: ["a": 100])

  static var catalog: EntityCatalog {
    EntityCatalog(tasks: [add], workflows: [adder], launchPlans: [plusTen, fromHundred])
  }

  /// `parent(x) -> o0 = from_hundred(b=plus_ten(a=x))`: two launch-plan nodes in a row.
  static func spec(_ harness: EngineHarness, x: Int64, name: String = "parent") throws -> Vane_ExecutionSpec {
    let parent = G.workflow(
      "parent", inputs: ["x"], outputs: ["o0"],
      nodes: [
        G.launchPlanNode("n0", "plus_ten", [G.bind("a", G.input("x"))]),
        G.launchPlanNode("n1", "from_hundred", [G.bind("b", G.promise("n0", "o0"))]),
      ],
      bindings: [G.bind("o0", G.promise("n1", "o0"))])
    let closure = try WorkflowCompiler(catalog: catalog).compile(parent, subWorkflows: [])
    var spec = harness.spec(closure, inputs: ["x": .int(x)], name: name)
    spec.launchPlans = [
      try G.launchPlanClosure(plusTen, catalog: catalog), try G.launchPlanClosure(fromHundred, catalog: catalog),
    ]
    spec.codeArchiveUri = "file:///code/archive.tar.gz"
    spec.config.env = ["GREETING": "hi"]
    return spec
  }

  static func childKey(_ status: Vane_ExecutionStatus, _ node: String) throws -> ResourceKey {
    let name = try #require(status.nodes[node]?.childExecution)
    return ResourceKey(project: "proj", domain: "dev", name: name)
  }

  @Test func childExecutionsRunWithFixedDefaultAndBoundInputs() async throws {
    let harness = try EngineHarness()
    let (key, status) = try await harness.execute(try Self.spec(harness, x: 5))
    #expect(status.workflowPhase == .success, "\(status.message)")
    // from_hundred(a=100 default, b=plus_ten(a=5, b=10 fixed)) = 115
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 115)
    let first = try Self.childKey(status, "n0")
    #expect(first.name == ChildExecutionSpec.name(parent: "parent", nodeUniqueID: "n0", attempt: 0))
    let child = try #require(try await harness.engine.spec(of: first))
    #expect(child.parentNode.executionID.name == "parent")
    #expect(child.parentNode.nodeID == "n0")
    #expect(child.launchPlan.name == "plus_ten")
    #expect(child.inputs.literals["a"]?.intValue == 5)
    #expect(child.inputs.literals["b"]?.intValue == 10)
    #expect(child.codeArchiveUri == "file:///code/archive.tar.gz")
    #expect(child.config.env["GREETING"] == "hi")
    #expect(child.launchPlans.count == 2)
    #expect(child.dataDir == harness.layout.executionDirectory(child.id).rawValue)
    let second = try #require(try await harness.engine.spec(of: Self.childKey(status, "n1")))
    #expect(second.inputs.literals["a"]?.intValue == 100)
    #expect(second.inputs.literals["b"]?.intValue == 15)
    let childStatus = try #require(try await harness.engine.status(of: first))
    #expect(childStatus.workflowPhase == .success)
    // The node's outputs are a copy of the child's, under the node's own directory.
    let node = try #require(status.nodes["n0"])
    #expect(node.outputsUri.hasSuffix("/n0/data/0/outputs.pb"))
    #expect(try await harness.outputs(of: node).literals["o0"]?.intValue == 15)
    // Node events name the child execution.
    let events = try await harness.storedEvents(key).filter { $0.kind == .node }
      .map { try Flyteidl_Event_NodeExecutionEvent(serializedBytes: $0.payload) }
    let succeeded = try #require(events.first { $0.id.nodeID == "n0" && $0.phase == .succeeded })
    #expect(succeeded.workflowNodeMetadata.executionID.name == first.name)
    #expect(succeeded.targetEntity.name == "plus_ten")
  }

  @Test func aFailingChildFailsTheNodeWithTheChildsError() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("add", ShowcaseTasks.add.ending([:], otherwise: .permanent))
    let (_, status) = try await harness.execute(try Self.spec(harness, x: 1))
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .failed)
    #expect(node.error.message.contains("child execution parent-n0-0-"), "\(node.error.message)")
    #expect(node.error.message.contains(" failed: "), "\(node.error.message)")
    #expect(node.error.message.contains("add attempt 0 failed for good"), "\(node.error.message)")
    #expect(node.error.kind == .user)
    #expect(status.nodes["n1"]?.childExecution.isEmpty ?? true)
  }

  @Test func abortingTheParentAbortsTheChild() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("add", ShowcaseTasks.add.holding())
    let status = try await harness.running {
      let key = try await harness.engine.create(try Self.spec(harness, x: 1))
      let running = try await harness.waitForStatus(key, "the child to start") {
        !($0.nodes["n0"]?.childExecution.isEmpty ?? true)
      }
      let child = try Self.childKey(running, "n0")
      try await eventually("the child's task to run") { harness.plugin.isRunning("n0") }
      try await harness.engine.abort(key, reason: "stop")
      let parent = try await harness.waitForEnd(key)
      #expect(parent.workflowPhase == .aborted)
      return try await harness.waitForEnd(child)
    }
    #expect(status.workflowPhase == .aborted)
    #expect(status.abortReason.contains("stop"))
    #expect(!harness.plugin.isRunning("n0"))
  }

  @Test func longParentNamesGiveShortDistinctChildNames() async throws {
    let harness = try EngineHarness()
    let name = "a" + String(repeating: "very-long-name-", count: 4) + "x"
    let (_, status) = try await harness.execute(try Self.spec(harness, x: 2, name: name))
    #expect(status.workflowPhase == .success, "\(status.message)")
    let first = try Self.childKey(status, "n0").name
    let second = try Self.childKey(status, "n1").name
    #expect(first != second)
    for child in [first, second] {
      #expect(child.count <= 63, "\(child)")
      #expect(child.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(child)")
      #expect(child.hasPrefix("avery-long-name"), "\(child)")
    }
  }

  @Test func aMissingLaunchPlanFailsTheNodeWithAClearError() async throws {
    let harness = try EngineHarness()
    var spec = try Self.spec(harness, x: 1)
    spec.launchPlans = []
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .failed)
    #expect(status.nodes["n0"]?.error.code == "RuntimeExecutionError")
    #expect(status.nodes["n0"]?.error.kind == .user)
    #expect(status.nodes["n0"]?.error.message.contains("plus_ten") == true)
  }
}
