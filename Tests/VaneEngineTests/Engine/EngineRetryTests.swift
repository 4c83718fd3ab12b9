import FlyteIDL
import Testing
import VaneEngine
import VaneModel
import VaneTesting

/// Retries: user errors spend the node's `retries`, system errors a separate budget.
/// `showcase.basics.resilient` runs `flaky_once` (retries=3) as n0 and `cached_square`
/// (retries=0) as n1, both on input `x`.
@Suite("Engine retries")
struct EngineRetryTests {
  func run(
    x: Int64 = -4, flaky: [UInt32: AttemptEnding] = [:], flakyOtherwise: AttemptEnding? = nil,
    square: [UInt32: AttemptEnding] = [:], squareOtherwise: AttemptEnding? = nil, systemRetries: UInt32 = 3
  ) async throws -> (EngineHarness, Vane_ExecutionStatus, [String]) {
    let harness = try EngineHarness(systemRetries: systemRetries)
    harness.plugin.script("flaky_once", ShowcaseTasks.flakyOnce.ending(flaky, otherwise: flakyOtherwise))
    harness.plugin.script("cached_square", ShowcaseTasks.square.ending(square, otherwise: squareOtherwise))
    let spec = harness.spec(try Showcase.closure("showcase.basics.resilient"), inputs: ["x": .int(x)])
    let (key, status) = try await harness.execute(spec)
    return (harness, status, harness.recorder.lines(of: key))
  }

  @Test func aRetryableUserErrorIsRetriedWithinTheBudget() async throws {
    let (harness, status, lines) = try await run(flaky: [0: .retryable(.user)])
    #expect(status.workflowPhase == .success, "\(status.message)")
    let outputs = try await harness.outputs(of: status)
    #expect(outputs.literals["o0"]?.intValue == 4)
    #expect(outputs.literals["o1"]?.intValue == 16)
    let node = try #require(status.nodes["n0"])
    #expect(node.attempts == 2)
    #expect(node.systemFailures == 0)
    #expect(harness.plugin.attempts(of: "n0").map(\.starts) == [1, 1])
    #expect(harness.plugin.attempts(of: "n0").map(\.attempt) == [0, 1])
    #expect(
      lines.starting(with: "task n0#")
        == ["task n0#0 running", "task n0#0 retryableFailed", "task n0#1 running", "task n0#1 succeeded"])
    #expect(lines.starting(with: "node n0 ") == ["node n0 queued", "node n0 running", "node n0 succeeded"])
    // The second attempt wrote its outputs under its own attempt directory.
    #expect(node.outputsUri.hasSuffix("/n0/data/1/outputs.pb"))
  }

  @Test func exhaustedUserRetriesFailTheNodeWithTheLastError() async throws {
    let (harness, status, _) = try await run(flakyOtherwise: .retryable(.user))
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .failed)
    #expect(node.attempts == 4, "one attempt plus retries=3")
    #expect(node.error.kind == .user)
    #expect(node.error.message == "flaky_once attempt 3 failed (retryable)")
    #expect(status.error.message == node.error.message)
    #expect(harness.plugin.attempts(of: "n0").map(\.starts) == [1, 1, 1, 1])
  }

  @Test func systemErrorsHaveTheirOwnBudget() async throws {
    // cached_square has retries=0, yet three system errors are retried.
    let (harness, status, _) = try await run(square: [
      0: .retryable(.system), 1: .retryable(.system), 2: .retryable(.system),
    ])
    #expect(status.workflowPhase == .success, "\(status.message)")
    let node = try #require(status.nodes["n1"])
    #expect(node.attempts == 4)
    #expect(node.systemFailures == 3)
    #expect(try await harness.outputs(of: status).literals["o1"]?.intValue == 16)
  }

  @Test func exhaustedSystemRetriesFailTheNode() async throws {
    let (_, status, _) = try await run(squareOtherwise: .retryable(.system))
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n1"])
    #expect(node.nodePhase == .failed)
    #expect(node.attempts == 4)
    #expect(node.systemFailures == 4)
    #expect(node.error.kind == .system)
  }

  @Test func theSystemBudgetComesFromTheEnvironment() async throws {
    let (_, status, _) = try await run(squareOtherwise: .retryable(.system), systemRetries: 1)
    #expect(status.workflowPhase == .failed)
    #expect(status.nodes["n1"]?.attempts == 2)
  }

  @Test func systemFailuresDoNotSpendUserRetries() async throws {
    // Two system errors, then three user errors: retries=3 still covers the user errors.
    let endings: [UInt32: AttemptEnding] = [
      0: .retryable(.system), 1: .retryable(.system), 2: .retryable(.user), 3: .retryable(.user), 4: .retryable(.user),
    ]
    let (_, status, _) = try await run(flaky: endings)
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(status.nodes["n0"]?.attempts == 6)
    #expect(status.nodes["n0"]?.systemFailures == 2)
  }

  @Test func aPermanentErrorIsNotRetried() async throws {
    let (harness, status, _) = try await run(flaky: [0: .permanent])
    #expect(status.workflowPhase == .failed)
    #expect(status.nodes["n0"]?.attempts == 1)
    #expect(status.error.message == "flaky_once attempt 0 failed for good")
    #expect(harness.plugin.attempts(of: "n0").count == 1)
  }

  @Test func attemptsThatFailAtOnceAreEachFinalizedOnce() async throws {
    let harness = try EngineHarness()
    harness.plugin.script(
      "flaky_once",
      ShowcaseTasks.flakyOnce.ending([0: .retryable(.user), 1: .retryable(.user), 2: .retryable(.user)]).immediately())
    let spec = harness.spec(try Showcase.closure("showcase.basics.resilient"), inputs: ["x": .int(5)])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 5)
    let attempts = harness.plugin.attempts(of: "n0")
    #expect(attempts.map(\.attempt) == [0, 1, 2, 3])
    #expect(attempts.map(\.finalizes) == [1, 1, 1, 1], "finalize runs once per attempt")
    #expect(attempts.map(\.aborts) == [0, 0, 0, 0])
  }
}
