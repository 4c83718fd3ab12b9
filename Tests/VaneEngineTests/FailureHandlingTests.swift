import FlyteIDL
import Foundation
import SwiftProtobuf
import Synchronization
import Testing
import VaneData
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// The failure node, the terminal deadline and the interruptible budget.
@Suite("Failure handling")
struct FailureHandlingTests {
  /// Keeps the inputs the failure node's task saw.
  final class Seen: Sendable {
    let inputs = Mutex<Flyteidl_Core_LiteralMap?>(nil)
  }

  private func guardedSpec(_ harness: EngineHarness) throws -> Vane_ExecutionSpec {
    let closure = try Showcase.closure("showcase.failures.guarded")
    return harness.spec(closure, inputs: ["x": .int(4), "fail": .bool(true)])
  }

  @Test func outputsHandedBackInMemoryAreStoredAsTheNodesOutputsFile() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("n0", ShowcaseTasks.maybeFail.ending([0: .succeedInMemory]).immediately())
    let spec = harness.spec(
      try Showcase.closure("showcase.failures.guarded"), inputs: ["x": .int(4), "fail": .bool(false)])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    let node = try #require(status.nodes["n0"])
    #expect(node.outputsUri.hasSuffix("/n0/data/0/outputs.pb"))
    #expect(try await harness.outputs(of: node).literals["o0"]?.intValue == 5)
  }

  @Test func theFailureNodeRunsWithTheErrorThenTheWorkflowFailsWithIt() async throws {
    let harness = try EngineHarness()
    let seen = Seen()
    harness.plugin.script("n0", ShowcaseTasks.maybeFail.ending([0: .permanent]))
    harness.plugin.script(
      "fn0",
      TaskScript { inputs in
        seen.inputs.withLock { $0 = inputs }
        return literals([:])
      })
    let (key, status) = try await harness.execute(try guardedSpec(harness))
    #expect(status.workflowPhase == .failed)
    #expect(status.error.message == "maybe_fail attempt 0 failed for good")
    #expect(status.nodes["n1"]?.nodePhase == .succeeded, "FAIL_AFTER_EXECUTABLE_NODES_COMPLETE lets n1 finish")
    #expect(status.nodes["fn0"]?.nodePhase == .succeeded)
    let inputs = try #require(seen.inputs.withLock { $0 })
    #expect(inputs.literals["x"]?.intValue == 4)
    #expect(inputs.literals["fail"]?.boolValue == true)
    let union = try #require(inputs.literals["err"]).scalar.union
    #expect(union.type.simple == .error)
    #expect(union.type.structure.tag == "FlyteError")
    #expect(union.value.scalar.error.message == "maybe_fail attempt 0 failed for good")
    #expect(union.value.scalar.error.failedNodeID == "fn0")
    let lines = harness.recorder.lines(of: key)
    #expect(lines.starting(with: "wf ") == ["wf running", "wf failing", "wf failing", "wf failed"])
    let failing = try #require(lines.firstIndex(of: "wf failing"))
    let started = try #require(lines.firstIndex(of: "node fn0 queued"))
    #expect(failing < started, "the failure node starts after the workflow failed")
    #expect(harness.recorder.events(of: key).contains { $0.phaseName == "HandlingFailureNode" })
  }

  @Test func aFailingFailureNodeReportsBothErrors() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("n0", ShowcaseTasks.maybeFail.ending([0: .permanent]))
    harness.plugin.script("fn0", TaskScript { _ in literals([:]) }.ending([0: .permanent]))
    let (_, status) = try await harness.execute(try guardedSpec(harness))
    #expect(status.workflowPhase == .failed)
    #expect(status.nodes["fn0"]?.nodePhase == .failed)
    #expect(status.error.message.contains("the failure node fn0 failed: clean_up attempt 0 failed for good"))
    #expect(status.error.message.contains("maybe_fail attempt 0 failed for good"))
  }

  @Test func noFailureNodeRunsWhenTheWorkflowSucceeds() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("fn0", TaskScript { _ in literals([:]) })
    let closure = try Showcase.closure("showcase.failures.guarded")
    let (_, status) = try await harness.execute(harness.spec(closure, inputs: ["x": .int(4), "fail": .bool(false)]))
    #expect(status.workflowPhase == .success)
    #expect(status.nodes["fn0"] == nil)
    #expect(harness.plugin.attempts(of: "fn0").isEmpty)
  }

  @Test func abortingWhileTheFailureNodeRunsStopsIt() async throws {
    let harness = try EngineHarness()
    harness.plugin.script("n0", ShowcaseTasks.maybeFail.ending([0: .permanent]))
    harness.plugin.script("fn0", TaskScript { _ in literals([:]) }.holding())
    let spec = try guardedSpec(harness)
    let status = try await harness.running {
      let key = try await harness.engine.create(spec)
      let midway = try await harness.waitForStatus(key, "the failure node to run") {
        $0.nodes["fn0"]?.nodePhase == .running
      }
      #expect(midway.workflowPhase == .handlingFailureNode)
      try await harness.engine.abort(key, reason: "stop")
      return try await harness.waitForEnd(key)
    }
    #expect(status.workflowPhase == .aborted)
    #expect(status.nodes["fn0"]?.nodePhase == .aborted)
    #expect(harness.plugin.attempts(of: "fn0").map(\.aborts) == [1])
  }

  @Test func aTimedOutAttemptIsRetriedThenTheTerminalDeadlineEndsTheNode() async throws {
    let clock = ManualClock()
    let harness = try EngineHarness(clock: clock)
    harness.plugin.script("n0", ShowcaseTasks.square.holding())
    var closure = try Showcase.closure("showcase.basics.chain")
    let index = try #require(closure.primary.template.nodes.firstIndex { $0.id == "n0" })
    closure.primary.template.nodes[index].metadata.timeout = Google_Protobuf_Duration(seconds: 1, nanos: 0)
    closure.primary.template.nodes[index].metadata.retries.retries = 1
    let (key, status) = try await harness.running {
      let key = try await harness.engine.create(harness.spec(closure, inputs: ["x": .int(2)]))
      // retries=1: attempt 0 times out after 1 s and is retried; attempt 1 runs until the
      // node's deadline, 2 s after it was queued.
      try await harness.waitForTimer(after: .seconds(1))
      clock.advance(by: .seconds(1))
      _ = try await harness.waitForStatus(key, "the second attempt") { $0.nodes["n0"]?.attempts == 2 }
      try await harness.waitForTimer(after: .seconds(1))
      clock.advance(by: .seconds(1))
      return (key, try await harness.waitForEnd(key))
    }
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .timedOut)
    #expect(node.attempts == 2)
    #expect(node.error.code == "Timeout")
    #expect(status.error.code == "Timeout")
    #expect(harness.plugin.attempts(of: "n0").map(\.aborts) == [1, 1])
    let lines = harness.recorder.lines(of: key)
    #expect(lines.filter { $0 == "node n0 running" }.count == 1, "a retry is not a new node phase in events")
    #expect(lines.starting(with: "node n0 ").last == "node n0 timedOut")
    #expect(node.stoppedAt.date.timeIntervalSince(node.queuedAt.date) == 2)
    #expect(
      NodeExecutor.terminalDeadline(of: closure.primary.template.nodes[index], plan: ExecutionPlan(closure))
        == .seconds(2))
  }

  @Test(arguments: [
    // (system failures, max attempts, threshold, spent)
    (UInt32(0), UInt32(4), Int32(-1), false), (2, 4, -1, false), (3, 4, -1, true), (4, 4, -1, true),
    (0, 4, 1, false), (1, 4, 1, true), (1, 4, -2, false), (2, 4, -2, true), (0, 4, -9, true),
  ])
  func theInterruptibleBudget(failures: UInt32, maxAttempts: UInt32, threshold: Int32, spent: Bool) {
    #expect(
      NodeInterruptibility.budgetSpent(systemFailures: failures, maxAttempts: maxAttempts, threshold: threshold)
        == spent)
  }

  @Test func interruptibleComesFromTheNodeThenTheTaskThenTheExecution() throws {
    let harness = try EngineHarness()
    let closure = try Showcase.closure("showcase.basics.chain")
    var spec = harness.spec(closure, inputs: ["x": .int(2)])
    var node = try #require(closure.primary.template.nodes.first { $0.id == "n0" })
    var task = Flyteidl_Core_TaskTemplate()
    let plugins = try PluginRegistry.Builder().build()
    let environment = EngineEnvironment(dataStore: harness.dataStore, layout: harness.layout, plugins: plugins)
    func requested() -> Bool {
      let round = RoundContext(
        key: ResourceKey(execution: spec.id), spec: spec, plan: ExecutionPlan(spec.closure),
        settings: RoundContext.Settings(environment), now: environment.clock.now, wakeUp: {})
      return NodeInterruptibility.requested(node, task: task, round: round)
    }
    #expect(!requested())
    spec.config.interruptible = true
    #expect(requested())
    task.metadata.interruptible = false
    #expect(!requested(), "the task's own setting wins over the execution's")
    node.metadata.interruptible = true
    #expect(requested(), "the node's setting wins over the task's")
  }
}
