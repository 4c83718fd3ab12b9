import FlyteIDL
import Testing
import VaneEngine
import VaneModel
import VaneTesting

/// How the engine judges what a finished attempt left: `error.pb` first, then `outputs.pb`.
/// Runs `resilient`: n0 is `flaky_once` (retries=3), n1 `cached_square` (retries=0).
@Suite("Engine task outputs")
struct EngineTaskOutputTests {
  func run(_ node: String, _ script: TaskScript) async throws -> (EngineHarness, Vane_ExecutionStatus) {
    let harness = try EngineHarness()
    harness.plugin.script(node, script)
    let spec = harness.spec(try Showcase.closure("showcase.basics.resilient"), inputs: ["x": .int(3)])
    let (_, status) = try await harness.execute(spec)
    return (harness, status)
  }

  @Test func aRecoverableErrorDocumentIsRetriedAsAUserError() async throws {
    let (harness, status) = try await run(
      "n0", ShowcaseTasks.flakyOnce.ending([0: .errorDocument(.recoverable, origin: .user)]))
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(status.nodes["n0"]?.attempts == 2)
    #expect(status.nodes["n0"]?.systemFailures == 0)
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 3)
  }

  @Test func aNonRecoverableErrorDocumentFailsAtOnceWithTheUsersMessage() async throws {
    let (_, status) = try await run(
      "n0", ShowcaseTasks.flakyOnce.ending([0: .errorDocument(.nonRecoverable, origin: .user)]))
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n0"])
    #expect(node.attempts == 1, "retries=3 are not spent on a non-recoverable error")
    #expect(node.error.code == "USER:ValueError")
    #expect(node.error.message == "flaky_once raised on attempt 0")
    #expect(node.error.kind == .user)
    #expect(status.error.message == "flaky_once raised on attempt 0")
  }

  @Test func aRecoverableSystemErrorDocumentSpendsTheSystemBudget() async throws {
    let (_, status) = try await run(
      "n1", ShowcaseTasks.square.ending([0: .errorDocument(.recoverable, origin: .system)]))
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(status.nodes["n1"]?.attempts == 2)
    #expect(status.nodes["n1"]?.systemFailures == 1)
  }

  @Test func missingOutputsAreRetriedAsASystemError() async throws {
    let (harness, status) = try await run("n1", ShowcaseTasks.square.ending([0: .noOutputs]))
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(status.nodes["n1"]?.attempts == 2)
    #expect(status.nodes["n1"]?.systemFailures == 1)
    #expect(try await harness.outputs(of: status).literals["o1"]?.intValue == 9)
  }

  @Test func outputsThatNeverAppearFailTheNode() async throws {
    let (_, status) = try await run("n1", ShowcaseTasks.square.ending([:], otherwise: .noOutputs))
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n1"])
    #expect(node.error.code == "OutputsNotFound")
    #expect(node.error.kind == .system)
    #expect(node.error.message.contains("outputs.pb"))
    #expect(node.attempts == 4)
  }

  @Test func corruptOutputsGiveAClearSystemError() async throws {
    let (_, status) = try await run("n1", ShowcaseTasks.square.ending([:], otherwise: .corruptOutputs))
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n1"])
    #expect(node.error.code == "OutputsNotFound")
    #expect(node.error.kind == .system)
    #expect(node.error.message.contains("cached_square"))
    #expect(node.error.message.contains("outputs.pb"))
  }

  @Test func outputsWithoutADeclaredOutputFailTheNode() async throws {
    let (_, status) = try await run("n1", TaskScript { _ in literals(["unexpected": .int(1)]) })
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n1"])
    #expect(node.error.code == "OutputsNotFound")
    #expect(node.error.kind == .user)
    #expect(node.error.message.contains("o0"))
    #expect(node.attempts == 1)
  }
}
