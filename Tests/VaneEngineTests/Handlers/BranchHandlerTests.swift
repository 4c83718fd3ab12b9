import FlyteIDL
import Testing
import VaneData
import VaneModel
import VaneTesting

@testable import VaneEngine

/// The branch handler alone: it decides once, skips the legs not taken, runs the taken leg as
/// a child node round by round, and ends as the leg ends. `showcase.branching.simple_branch(x)`
/// squares positive numbers (leg `n0-n0`) and negates the rest (`n0-n1`).
@Suite("Branch handler")
struct BranchHandlerTests {
  func harness(
    _ workflow: String = "simple_branch", x: Int64,
    adjust: (inout Flyteidl_Core_CompiledWorkflowClosure) -> Void = { _ in }
  ) async throws -> HandlerHarness {
    var closure = try Showcase.closure("showcase.branching.\(workflow)")
    adjust(&closure)
    let harness = try HandlerHarness(closure, node: "n0", inputs: ["x": .int(x)])
    try await harness.start()
    return harness
  }

  @Test func takesOneLegSkipsTheOtherAndEndsWithTheLegsOutputs() async throws {
    let harness = try await harness(x: 4)
    let first = await harness.handle().verdict
    #expect(first.isRunning)
    #expect(harness.status.branchTaken == "n0-n0")
    #expect(NodePhase(stored: harness.status.children["n0-n1"]?.phase ?? 0) == .skipped)
    #expect(NodePhase(stored: harness.status.children["n0-n0"]?.phase ?? 0) == .running)
    let second = await harness.handle().verdict
    let leg = try #require(harness.status.children["n0-n0"])
    #expect(NodePhase(stored: leg.phase) == .succeeded)
    #expect(second.outputs?.rawValue == leg.outputsUri)
    #expect(try await harness.outputs(at: second.outputs).literals["o0"]?.intValue == 16)
    #expect(harness.plugin.attempts.count == 1, "only the taken leg ran")
  }

  @Test func theDecisionIsMadeOnce() async throws {
    let harness = try await harness(x: -3)
    _ = await harness.handle()
    #expect(harness.status.branchTaken == "n0-n1")
    // The inputs change under the node (they cannot, but if they did): the leg stays.
    var inputs = try await harness.outputs(at: harness.paths.inputs)
    for name in inputs.literals.keys { inputs.literals[name] = .int(5) }
    try await harness.dataStore.writeMessage(inputs, to: harness.paths.inputs)
    _ = await harness.handle()
    #expect(harness.status.branchTaken == "n0-n1")
  }

  @Test func aFailingElseIsTheUsersError() async throws {
    let harness = try await harness("failing_branch", x: -1)
    let verdict = await harness.handle().verdict
    #expect(verdict.isFailure)
    #expect(verdict.error?.code == "UserProvidedError" && verdict.error?.kind == .user)
    #expect(verdict.error?.message == "negative input")
    #expect(harness.plugin.attempts.isEmpty)
  }

  @Test func noConditionHoldingAndNoElseIsAMalformedBranch() async throws {
    let harness = try await harness(x: -1) { closure in
      let index = closure.primary.template.nodes.firstIndex { $0.id == "n0" }!
      closure.primary.template.nodes[index].branchNode.ifElse.default = nil
    }
    let verdict = await harness.handle().verdict
    #expect(verdict.error?.code == "MalformedBranchUserError" && verdict.error?.kind == .user)
  }

  @Test func unreadableInputsAreASystemError() async throws {
    let harness = try await harness(x: 4)
    harness.dataStore.failing(harness.paths.inputs, [.read], with: .ioFailed)
    let verdict = await harness.handle().verdict
    #expect(verdict.error?.code == "InputsNotFoundError" && verdict.error?.kind == .system)
  }

  @Test func aFailedLegFailsTheBranchWithItsError() async throws {
    let harness = try await harness(x: 4)
    harness.plugin.script("square", ShowcaseTasks.square.ending([:], otherwise: .permanent))
    _ = await harness.handle()
    let verdict = await harness.handle().verdict
    #expect(verdict.isFailure)
    #expect(verdict.error?.code == "Scripted")
  }

  @Test func abortStopsTheTakenLeg() async throws {
    let harness = try await harness(x: 4)
    harness.plugin.script("square", ShowcaseTasks.square.holding())
    _ = await harness.handle()
    await harness.abort(reason: "stop")
    let leg = try #require(harness.status.children["n0-n0"])
    #expect(NodePhase(stored: leg.phase) == .aborted)
    #expect(leg.error.code == "NodeAborted")
    #expect(harness.plugin.attempts.values.map(\.aborts) == [1])
  }
}
