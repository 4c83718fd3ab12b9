import FlyteIDL
import Testing
import VaneEngine
import VaneModel
import VaneTesting

/// What a permanent node failure does to the rest of the workflow, by failure policy.
/// `fan_out_in` runs three independent squares (n0, n1, n2) into `stats` (n3).
@Suite("Engine failure policy")
struct EngineFailurePolicyTests {
  @Test func failImmediatelyAbortsRunningSiblingsAndStartsNothingElse() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("n0", ShowcaseTasks.square.ending([0: .permanent]))
    harness.plugin.script("n1", ShowcaseTasks.square.holding())
    harness.plugin.script("n2", ShowcaseTasks.square.holding())
    let closure = try Showcase.closure("showcase.basics.fan_out_in")
    #expect(closure.primary.template.metadata.onFailure == .failImmediately)
    let spec = harness.spec(closure, inputs: ["a": .int(1), "b": .int(2), "c": .int(3)])
    let (key, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .failed)
    #expect(status.error.message == "square attempt 0 failed for good")
    #expect(status.message == status.error.message)
    #expect(status.nodes["n0"]?.nodePhase == .failed)
    for sibling in ["n1", "n2"] {
      #expect(status.nodes[sibling]?.nodePhase == .aborted, "\(sibling)")
      #expect(harness.plugin.attempts(of: sibling).map(\.aborts) == [1], "\(sibling)")
      #expect(!harness.plugin.isRunning(sibling), "\(sibling)")
    }
    #expect((status.nodes["n3"]?.nodePhase ?? .notYetStarted) == .notYetStarted)
    #expect(harness.plugin.attempts(of: "n3").isEmpty)
    let lines = harness.recorder.lines(of: key)
    #expect(lines.starting(with: "node n1 ").last == "node n1 aborted")
    #expect(lines.starting(with: "wf ") == ["wf running", "wf failing", "wf failed"])
  }

  @Test func failAfterExecutableNodesCompleteLetsRunningSiblingsFinish() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("n0", ShowcaseTasks.square.ending([0: .permanent]))
    harness.plugin.script("n1", ShowcaseTasks.square.holding())
    var closure = try Showcase.closure("showcase.basics.fan_out_in")
    closure.primary.template.metadata.onFailure = .failAfterExecutableNodesComplete
    let spec = harness.spec(closure, inputs: ["a": .int(1), "b": .int(2), "c": .int(3)])
    let status = try await harness.running {
      let key = try await harness.engine.create(spec)
      let midway = try await harness.waitForStatus(key, "n0 to fail") { $0.nodes["n0"]?.nodePhase == .failed }
      #expect(midway.workflowPhase == .running)
      #expect(midway.nodes["n1"]?.nodePhase == .running)
      #expect(harness.plugin.isRunning("n1"))
      harness.plugin.release("n1")
      return try await harness.waitForEnd(key)
    }
    #expect(status.workflowPhase == .failed)
    #expect(status.error.message == "square attempt 0 failed for good")
    #expect(status.nodes["n1"]?.nodePhase == .succeeded)
    #expect(status.nodes["n2"]?.nodePhase == .succeeded)
    #expect(try await harness.outputs(of: #require(status.nodes["n1"])).literals["o0"]?.intValue == 4)
    #expect((status.nodes["n3"]?.nodePhase ?? .notYetStarted) == .notYetStarted, "stats depends on the failed node")
    // Only the failed node itself is aborted (failing runs abort, then finalize).
    #expect(harness.plugin.attempts(of: "n1").map(\.aborts) == [0])
    #expect(harness.plugin.attempts(of: "n2").map(\.aborts) == [0])
  }

  @Test func theGuardedShowcaseKeepsItsSiblingRunning() async throws {
    // `guarded` is compiled with FAIL_AFTER_EXECUTABLE_NODES_COMPLETE by flytekit.
    let harness = try EngineHarness()
    harness.plugin.script("n0", ShowcaseTasks.maybeFail.ending([0: .permanent]))
    harness.plugin.script("n1", ShowcaseTasks.slowSibling.holding())
    let closure = try Showcase.closure("showcase.failures.guarded")
    #expect(closure.primary.template.metadata.onFailure == .failAfterExecutableNodesComplete)
    let spec = harness.spec(closure, inputs: ["x": .int(1), "fail": .bool(true)])
    let status = try await harness.running {
      let key = try await harness.engine.create(spec)
      _ = try await harness.waitForStatus(key, "n0 to fail") { $0.nodes["n0"]?.nodePhase == .failed }
      harness.plugin.release("n1")
      return try await harness.waitForEnd(key)
    }
    #expect(status.workflowPhase == .failed)
    #expect(status.error.message == "maybe_fail attempt 0 failed for good")
    #expect(status.nodes["n1"]?.nodePhase == .succeeded)
  }
}
