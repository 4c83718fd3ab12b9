import FlyteIDL
import Testing
import VaneData
import VaneModel
import VaneTesting

@testable import VaneEngine

/// The subworkflow handler alone: the subworkflow's nodes run as the node's children, round
/// by round, and its outputs become the node's. `showcase.subworkflows.parent(x)` calls
/// `twice_sub(x) -> (double(x), square_then_add(x, x))` as node `n0`.
@Suite("Subworkflow handler")
struct SubworkflowHandlerTests {
  func harness(x: Int64 = 3) async throws -> HandlerHarness {
    let harness = try HandlerHarness(
      try Showcase.closure("showcase.subworkflows.parent"), node: "n0", inputs: ["x": .int(x)])
    try await harness.start(inputs: ["x": .int(x)])
    return harness
  }

  /// Handles the node until it stops running (at most `limit` rounds); the last verdict.
  func settle(_ harness: HandlerHarness, limit: Int = 10) async -> (HandlerVerdict, rounds: Int) {
    for round in 1...limit {
      let verdict = await harness.handle().verdict
      if !verdict.isRunning { return (verdict, round) }
    }
    return (.running("still running"), limit)
  }

  @Test func childrenRunAsNestedNodesAndTheirOutputsBecomeTheNodes() async throws {
    let harness = try await harness(x: 3)
    let first = await harness.handle().verdict
    #expect(first.isRunning)
    #expect(harness.status.children.keys.sorted() == ["n0", "n1"], "both children started in the first round")
    let (verdict, _) = await settle(harness)
    let outputs = try await harness.outputs(at: verdict.outputs)
    #expect(outputs.literals["o0"]?.intValue == 6)
    #expect(outputs.literals["o1"]?.intValue == 12)
    #expect(verdict.outputs == harness.paths.outputs)
    // Children keep their data under the node's output directory, named by their unique ids.
    let child = try #require(harness.status.children["n0"])
    #expect(child.dataDir.hasPrefix(harness.paths.outputDirectory.rawValue), "\(child.dataDir)")
    #expect(harness.plugin.attempts.values.contains { $0.nodeID == "n0-0-n0" })
  }

  @Test func aFailingChildFailsTheNodeWithItsError() async throws {
    let harness = try await harness()
    harness.plugin.script("double", ShowcaseTasks.double.ending([:], otherwise: .permanent))
    let (verdict, _) = await settle(harness)
    #expect(verdict.isFailure)
    #expect(verdict.error?.code == "Scripted")
  }

  @Test func unreadableInputsAreRetried() async throws {
    let harness = try await harness()
    harness.dataStore.failing(harness.paths.inputs, [.read], with: .ioFailed)
    let verdict = await harness.handle().verdict
    #expect(verdict.isRetryable)
    #expect(verdict.error?.code == "InputsNotFoundError")
    #expect(harness.status.children.isEmpty)
  }

  @Test func outputsThatCannotBeWrittenAreRetried() async throws {
    let harness = try await harness()
    harness.dataStore.failing(harness.paths.outputs, [.write], with: .ioFailed)
    let (verdict, _) = await settle(harness)
    #expect(verdict.isRetryable)
    #expect(verdict.error?.code == "WriteOutputsFailed" && verdict.error?.kind == .system)
  }

  @Test func abortStopsTheRunningChildren() async throws {
    let harness = try await harness()
    harness.plugin.script("double", ShowcaseTasks.double.holding())
    harness.plugin.script("square", ShowcaseTasks.square.holding())
    _ = await harness.handle()
    await harness.abort(reason: "stop")
    #expect(harness.status.children.values.allSatisfy { NodePhase(stored: $0.phase).isTerminal })
    #expect(NodePhase(stored: harness.status.children["n0"]?.phase ?? 0) == .aborted)
    #expect(harness.plugin.attempts.values.filter { $0.aborts > 0 }.count == 2)
  }
}
