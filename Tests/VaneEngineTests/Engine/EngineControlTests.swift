import FlyteIDL
import Testing
import VaneEngine
import VaneModel
import VaneTesting

/// `max_parallelism` and `Engine.abort`.
@Suite("Engine control")
struct EngineControlTests {
  @Test(arguments: [(UInt32(1), 1), (2, 2), (0, 3)])
  func maxParallelismBoundsRunningTasks(limit: UInt32, peak: Int) async throws {
    let harness = try EngineHarness()
    let spec = harness.spec(
      try Showcase.closure("showcase.basics.fan_out_in"), inputs: ["a": .int(1), "b": .int(2), "c": .int(3)],
      maxParallelism: limit)
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["total"]?.intValue == 14)
    #expect(harness.plugin.peakRunning == peak)
  }

  @Test(arguments: [(UInt32(1), 1), (0, 2)])
  func maxParallelismCountsTasksInsideSubworkflows(limit: UInt32, peak: Int) async throws {
    let harness = try EngineHarness()
    let spec = harness.spec(
      try Showcase.closure("showcase.subworkflows.parent"), inputs: ["x": .int(3)], maxParallelism: limit)
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 18)
    #expect(harness.plugin.peakRunning == peak)
  }

  @Test func abortStopsRunningNodesAndEndsTheWorkflowAborted() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("square", ShowcaseTasks.square.holding())
    let spec = harness.spec(try Showcase.closure("showcase.basics.chain"), inputs: ["x": .int(2)])
    let (key, status) = try await harness.running {
      let key = try await harness.engine.create(spec)
      _ = try await harness.waitForStatus(key, "n0 to run") { $0.nodes["n0"]?.nodePhase == .running }
      try await harness.engine.abort(key, reason: "stopped by the test")
      return (key, try await harness.waitForEnd(key))
    }
    #expect(status.workflowPhase == .aborted)
    #expect(status.abortReason == "stopped by the test")
    #expect(status.hasStoppedAt)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .aborted)
    #expect(node.error.message == "stopped by the test")
    #expect(harness.plugin.attempts(of: "n0").map(\.aborts) == [1])
    #expect(!harness.plugin.isRunning("n0"))
    #expect(status.nodes["n1"] == nil && status.nodes["n2"] == nil)
    let lines = harness.recorder.lines(of: key)
    #expect(lines.suffix(2) == ["node n0 aborted", "wf aborted"])
    // A terminal execution takes no further rounds.
    #expect(try await harness.engine.status(of: key) == status)
  }

  @Test func abortReachesTasksInsideSubworkflows() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("square", ShowcaseTasks.square.holding())
    let spec = harness.spec(try Showcase.closure("showcase.subworkflows.parent"), inputs: ["x": .int(3)])
    let status = try await harness.running {
      let key = try await harness.engine.create(spec)
      try await eventually("the nested square to run") { harness.plugin.isRunning("n0-0-n1-0-n0") }
      _ = try await harness.waitForStatus(key, "the nested square to be stored") {
        $0.nodes["n0"]?.children["n1"]?.children["n0"]?.nodePhase == .running
      }
      try await harness.engine.abort(key, reason: "enough")
      return try await harness.waitForEnd(key)
    }
    #expect(status.workflowPhase == .aborted)
    let twiceSub = try #require(status.nodes["n0"])
    #expect(twiceSub.nodePhase == .aborted)
    #expect(twiceSub.children["n1"]?.nodePhase == .aborted)
    #expect(twiceSub.children["n1"]?.children["n0"]?.nodePhase == .aborted)
    #expect(harness.plugin.attempts(of: "n0-0-n1-0-n0").map(\.aborts) == [1])
    #expect(!harness.plugin.isRunning("n0-0-n1-0-n0"))
  }
}
