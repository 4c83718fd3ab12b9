import FlyteIDL
import Foundation
import Testing
import VaneCompiler
import VaneData
import VaneEngine
import VaneModel
import VaneTesting

/// Dynamic nodes: a task that leaves `futures.pb` has its subgraph compiled, stored and run
/// as the node's children; the node's outputs come from the subgraph's output bindings.
///
/// The scripted plugin cannot write `futures.pb`, so each test stores the job spec where the
/// dynamic task's attempt writes it, and scripts the task to end without outputs.
@Suite("Dynamic nodes")
struct DynamicTests {
  static let square = G.task("square", inputs: ["x"])
  static let add = G.task("add", inputs: ["a", "b"])
  static let dynamic = G.task("fan", inputs: ["n"])
  static let inner = G.task("inner_fan", inputs: ["n"])

  /// `wf(n) -> o0 = fan(n)`: one dynamic task node `n0`.
  static func closure() throws -> Flyteidl_Core_CompiledWorkflowClosure {
    let workflow = G.workflow(
      "wf", inputs: ["n"], outputs: ["o0"], nodes: [G.taskNode("n0", "fan", [G.bind("n", G.input("n"))])],
      bindings: [G.bind("o0", G.promise("n0", "o0"))])
    return try WorkflowCompiler(catalog: EntityCatalog(tasks: [dynamic, square, add, inner])).compile(
      workflow, subWorkflows: [])
  }

  /// square(3) + square(n) through `add`, as dn0, dn1, dn2.
  static func sumOfSquaresJob(secondTask: String = "square") -> Flyteidl_Core_DynamicJobSpec {
    G.job(
      tasks: [square, add, inner],
      nodes: [
        G.taskNode("dn0", "square", [G.bind("x", G.literal(3))]),
        G.taskNode(
          "dn1", secondTask, secondTask == "square" ? [G.bind("x", G.input("n"))] : [G.bind("n", G.input("n"))]),
        G.taskNode("dn2", "add", [G.bind("a", G.promise("dn0", "o0")), G.bind("b", G.promise("dn1", "o0"))]),
      ],
      outputs: [G.bind("o0", G.promise("dn2", "o0"))])
  }

  static func writeFutures(
    _ job: Flyteidl_Core_DynamicJobSpec, at paths: NodeDataPaths, harness: EngineHarness
  ) async throws {
    try await harness.dataStore.writeMessage(job, to: paths.futures)
  }

  static func harness(_ job: Flyteidl_Core_DynamicJobSpec, n: Int64 = 4) throws -> (EngineHarness, Vane_ExecutionSpec) {
    let harness = try EngineHarness()
    harness.plugin.script("fan", TaskScript { _ in literals([:]) }.ending([:], otherwise: .noOutputs))
    harness.plugin.script("inner_fan", TaskScript { _ in literals([:]) }.ending([:], otherwise: .noOutputs))
    let spec = harness.spec(try closure(), inputs: ["n": .int(n)])
    return (harness, spec)
  }

  static func n0Paths(_ harness: EngineHarness, _ spec: Vane_ExecutionSpec, attempt: UInt32 = 0) -> NodeDataPaths {
    harness.layout.topLevelNode("n0", attempt: attempt, executionDirectory: DataURI(spec.dataDir))
  }

  @Test func theSubgraphRunsAndItsOutputsBecomeTheNodesOutputs() async throws {
    let (harness, spec) = try Self.harness(Self.sumOfSquaresJob(), n: 4)
    try await Self.writeFutures(Self.sumOfSquaresJob(), at: Self.n0Paths(harness, spec), harness: harness)
    let (key, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 25)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .succeeded)
    #expect(node.dynamicPhase == 1)
    #expect(node.dynamicClosureUri.hasSuffix("/n0/data/0/dynamic_compiled.pb"))
    #expect(node.outputsUri.hasSuffix("/n0/data/0/outputs.pb"))
    #expect(Set(node.children.keys) == ["dn0", "dn1", "dn2"])
    #expect(node.children.values.allSatisfy { $0.nodePhase == .succeeded })
    // Children keep their data under the dynamic node's output directory.
    #expect(try #require(node.children["dn2"]).dataDir.hasSuffix("/n0/data/0/dn2"))
    let stored = try await harness.dataStore.readMessage(
      Flyteidl_Core_CompiledWorkflowClosure.self, from: DataURI(node.dynamicClosureUri))
    #expect(stored.primary.template.id.name == "dynamic_n0")
    let lines = harness.recorder.lines(of: key)
    #expect(
      lines.starting(with: "node n0 ") == [
        "node n0 queued", "node n0 running", "node n0 dynamicRunning", "node n0 succeeded",
      ])
    #expect(lines.contains("node n0-0-dn2 succeeded"))
    #expect(lines.starting(with: "task n0#") == ["task n0#0 running", "task n0#0 succeeded"])
    let dynamicEvents = harness.recorder.events(of: key).compactMap { event -> Flyteidl_Event_NodeExecutionEvent? in
      guard case .node(let node) = event.message, node.id.nodeID == "n0", node.phase == .dynamicRunning else {
        return nil
      }
      return node
    }
    let event = try #require(dynamicEvents.first)
    #expect(event.isDynamic && event.isParent)
    #expect(event.taskNodeMetadata.dynamicWorkflow.dynamicJobSpecUri.hasSuffix("/n0/data/0/futures.pb"))
    let childEvent = harness.recorder.events(of: key).compactMap { event -> Flyteidl_Event_NodeExecutionEvent? in
      guard case .node(let node) = event.message, node.id.nodeID == "n0-0-dn0" else { return nil }
      return node
    }.first
    #expect(childEvent?.parentNodeMetadata.nodeID == "n0")
    #expect(childEvent?.retryGroup == "0", "a child's retry group is its parent's attempt")
    #expect(event.retryGroup.isEmpty, "a top-level node has no retry group")
  }

  @Test func aDynamicInsideADynamicRunsItsOwnSubgraph() async throws {
    let outer = Self.sumOfSquaresJob(secondTask: "inner_fan")
    let (harness, spec) = try Self.harness(outer, n: 5)
    let n0 = Self.n0Paths(harness, spec)
    try await Self.writeFutures(outer, at: n0, harness: harness)
    // inner_fan(n=5), node n0-0-dn1: square(3) + square(5) = 34.
    let innerPaths = harness.layout.nestedNode("dn1", attempt: 0, parentOutputDirectory: n0.outputDirectory)
    try await Self.writeFutures(Self.sumOfSquaresJob(), at: innerPaths, harness: harness)
    let (key, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    // square(3) + inner_fan(5) = 9 + 34
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 43)
    let inner = try #require(status.nodes["n0"]?.children["dn1"])
    #expect(inner.dynamicPhase == 1)
    #expect(Set(inner.children.keys) == ["dn0", "dn1", "dn2"])
    let lines = harness.recorder.lines(of: key)
    #expect(lines.contains("node n0-0-dn1 dynamicRunning"))
    // The inner dynamic's children get unique ids under it (hashed when longer than 20).
    #expect(lines.contains("node \(UniqueID.node("dn2", parentUniqueID: "n0-0-dn1", parentAttempt: 0)) succeeded"))
  }

  @Test func aSubgraphThatDoesNotCompileFailsTheNodeForGood() async throws {
    var job = Self.sumOfSquaresJob()
    job.nodes[2].inputs = [G.bind("a", G.promise("dn0", "o0")), G.bind("b", G.promise("nowhere", "o0"))]
    let (harness, spec) = try Self.harness(job)
    try await Self.writeFutures(job, at: Self.n0Paths(harness, spec), harness: harness)
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .failed)
    #expect(node.attempts == 1)
    #expect(node.error.code == "DynamicWorkflowBuildFailed")
    #expect(node.error.kind == .user)
    #expect(node.error.message.contains("nowhere"), "\(node.error.message)")
    #expect(node.children.isEmpty)
  }

  @Test func aFailingChildFailsTheDynamicNodeWithItsError() async throws {
    let (harness, spec) = try Self.harness(Self.sumOfSquaresJob())
    harness.plugin.script("n0-0-dn1", ShowcaseTasks.square.ending([:], otherwise: .permanent))
    try await Self.writeFutures(Self.sumOfSquaresJob(), at: Self.n0Paths(harness, spec), harness: harness)
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .failed)
    #expect(node.error.message.contains("square attempt 0 failed for good"), "\(node.error.message)")
    #expect(node.children["dn1"]?.nodePhase == .failed)
    #expect(node.children["dn2"]?.nodePhase == .notYetStarted || node.children["dn2"] == nil)
  }

  @Test func aRestartedEngineContinuesTheChildrenWithoutAskingTheTaskAgain() async throws {
    let (harness, spec) = try Self.harness(Self.sumOfSquaresJob())
    harness.plugin.script("n0-0-dn0", ShowcaseTasks.square.holding())
    try await Self.writeFutures(Self.sumOfSquaresJob(), at: Self.n0Paths(harness, spec), harness: harness)
    let key = try await harness.engine.create(spec)
    try await harness.runningThenCancelled {
      _ = try await harness.waitForStatus(key, "the dynamic node to run its children") { status in
        status.nodes["n0"]?.dynamicPhase == 1 && status.nodes["n0"]?.children["dn0"]?.nodePhase == .running
      }
    }
    let handlesBefore = harness.plugin.attempts(of: "n0").map(\.handles)
    // Without futures.pb the task would have to be asked again; the stored closure suffices.
    try await harness.dataStore.delete(Self.n0Paths(harness, spec).futures)
    let restarted = try EngineHarness(reopening: harness)
    let status = try await restarted.running {
      restarted.engine.wakeUp(key)
      try await eventually("the held child to be handled again") {
        harness.plugin.attempts(of: "n0-0-dn0").first?.handles ?? 0 > 1
      }
      harness.plugin.release("n0-0-dn0")
      return try await restarted.waitForEnd(key)
    }
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await restarted.outputs(of: status).literals["o0"]?.intValue == 25)
    #expect(harness.plugin.attempts(of: "n0").map(\.handles) == handlesBefore)
  }
}
