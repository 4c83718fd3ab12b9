import FlyteIDL
import Testing
import VaneEngine
import VaneModel
import VaneStore
import VaneTesting

/// A status the store cannot hold fails the execution (issue #13): Flyte retries a status write
/// over etcd's object-size limit forever; Vane fails the execution with `StatusTooLarge`,
/// naming the size and the limit, from the last status it committed.
@Suite("Engine status limit")
struct EngineStatusLimitTests {
  @Test func aStatusOverTheLimitFailsTheExecutionNamingTheSizeAndTheLimit() async throws {
    // Small rounds, so the status grows over several commits and the limit is crossed late.
    let limit = 4_000
    let (harness, commits) = try EngineRoundBudgetTests.harness(
      RoundLimits(transitions: 10, statusBytes: limit), clock: ManualClock())
    let (key, status) = try await harness.execute(
      harness.spec(try EngineRoundBudgetTests.fanOut(60), inputs: [:]))
    #expect(status.workflowPhase == .failed)
    #expect(status.error.code == NodeErrorCode.statusTooLarge.rawValue)
    #expect(status.error.kind == .system)
    #expect(status.error.message.contains("over the \(limit) bytes"), "\(status.error.message)")
    let match = try #require(
      status.error.message.firstMatch(of: try Regex("grew to ([0-9]+) bytes")), "\(status.error.message)")
    let size = try #require(match.output[1].substring.flatMap { Int($0) })
    #expect(size > limit)
    // What was stored is the last status that fitted, now failed: some nodes ran, not all.
    let stored = try #require(try await harness.store.getStatus(key))
    #expect(stored.status.count <= limit + 1_000, "the failed status is the last one that fitted, plus the error")
    #expect(!status.nodes.isEmpty && status.nodes.count < 60, "\(status.nodes.count) nodes stored")
    #expect(commits.nodeEvents(of: key).count >= 2, "the rounds before the limit committed")
    let events = try await harness.storedEvents(key)
    #expect(
      events.last.map {
        $0.kind == .workflow && $0.phase == Int32(Flyteidl_Core_WorkflowExecution.Phase.failed.rawValue)
      } == true, "the failure is the last event")
  }

  @Test func aStatusUnderTheLimitIsWrittenAsBefore() async throws {
    let (harness, _) = try EngineRoundBudgetTests.harness(
      RoundLimits(transitions: 10, statusBytes: 1 << 20), clock: ManualClock())
    let (_, status) = try await harness.execute(harness.spec(try EngineRoundBudgetTests.fanOut(60), inputs: [:]))
    try await EngineRoundBudgetTests.expectSquares(harness, status, count: 60)
  }
}
