import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneEngine
import VaneModel
import VaneTesting

/// The engine's default deadlines (FlytePropeller's `default-deadlines`, plus
/// `workflow-active-deadline`), driven by a manual clock the test moves: they apply to nodes
/// without a `timeout` of their own, and to whole executions.
@Suite("Engine default deadlines")
struct EngineDeadlineTests {
  /// `chain` with `retries` on its first node (n0, `square`) and, when given, a timeout.
  static func closure(retries: UInt32, timeout: Int64? = nil) throws -> Flyteidl_Core_CompiledWorkflowClosure {
    var closure = try Showcase.closure("showcase.basics.chain")
    let index = try #require(closure.primary.template.nodes.firstIndex { $0.id == "n0" })
    closure.primary.template.nodes[index].metadata.retries.retries = retries
    if let timeout {
      closure.primary.template.nodes[index].metadata.timeout = Google_Protobuf_Duration(seconds: timeout)
    }
    return closure
  }

  /// Runs `chain` with n0 held, moves the clock by `seconds` once n0 runs, then releases n0
  /// once it reached attempt `releaseAtAttempt` (if given) and waits for the end.
  func run(
    _ deadlines: EngineDeadlines, closure: Flyteidl_Core_CompiledWorkflowClosure, advance seconds: Double,
    releaseAtAttempt: UInt32? = nil
  ) async throws -> (EngineHarness, Vane_ExecutionStatus) {
    let clock = ManualClock()
    let harness = try EngineHarness(clock: clock, deadlines: deadlines)
    harness.plugin.script("n0", ShowcaseTasks.square.holding())
    let spec = harness.spec(closure, inputs: ["x": .int(2)])
    let status = try await harness.running {
      let key = try await harness.engine.create(spec)
      _ = try await harness.waitForStatus(key, "n0 to run") { $0.nodes["n0"]?.nodePhase == .running }
      clock.advance(by: .seconds(seconds))
      if let releaseAtAttempt {
        _ = try await harness.waitForStatus(key, "attempt \(releaseAtAttempt)") {
          $0.nodes["n0"]?.attempts == releaseAtAttempt
        }
        harness.plugin.release("n0")
      }
      return try await harness.waitForEnd(key)
    }
    return (harness, status)
  }

  @Test func anAttemptPastTheNodeExecutionDeadlineIsStoppedAndRetried() async throws {
    let (harness, status) = try await run(
      EngineDeadlines(nodeExecution: .seconds(1)), closure: try Self.closure(retries: 1), advance: 1.5,
      releaseAtAttempt: 2)
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 9)
    let attempts = harness.plugin.attempts(of: "n0")
    #expect(attempts.map(\.attempt) == [0, 1])
    #expect(attempts.map(\.aborts) == [1, 0], "the timed-out attempt was stopped")
  }

  @Test func theNodeExecutionDeadlineWithoutRetriesFailsTheNodeWithTimeoutExpired() async throws {
    let (_, status) = try await run(
      EngineDeadlines(nodeExecution: .seconds(1)), closure: try Self.closure(retries: 0), advance: 1)
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .failed, "\(node.nodePhase)")
    #expect(node.error.code == "TimeoutExpired" && node.error.kind == .user, "\(node.error)")
    #expect(
      node.error.message.contains("ran longer than the engine's node-execution-deadline of 1s"), "\(node.error.message)"
    )
  }

  @Test func aNodePastTheNodeActiveDeadlineTimesOut() async throws {
    let (harness, status) = try await run(
      EngineDeadlines(nodeActive: .seconds(2)), closure: try Self.closure(retries: 3), advance: 2)
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .timedOut, "\(node.nodePhase)")
    #expect(node.error.code == "Timeout" && node.error.kind == .user)
    #expect(node.error.message.contains("deadline of 2s (the engine's node-active-deadline)"), "\(node.error.message)")
    // No more attempts, whatever the retry budget.
    #expect(harness.plugin.attempts(of: "n0").map(\.attempt) == [0])
    #expect(!harness.plugin.isRunning("n0"))
  }

  @Test func aNodesOwnTimeoutWinsOverTheDefaults() async throws {
    let (_, status) = try await run(
      EngineDeadlines(nodeActive: .seconds(60), nodeExecution: .seconds(60)),
      closure: try Self.closure(retries: 0, timeout: 1), advance: 1)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .timedOut, "\(node.nodePhase)")
    #expect(node.error.message.contains("deadline of 1s (timeout × attempts allowed)"), "\(node.error.message)")
  }

  @Test func anExecutionPastTheWorkflowActiveDeadlineFailsAndStopsItsNodes() async throws {
    let (harness, status) = try await run(
      EngineDeadlines(workflowActive: .seconds(5)), closure: try Self.closure(retries: 0), advance: 5)
    #expect(status.workflowPhase == .failed)
    #expect(status.error.code == "Timeout" && status.error.kind == .user)
    #expect(status.error.message.contains("workflow-active-deadline of 5s"), "\(status.error.message)")
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .aborted, "\(node.nodePhase)")
    #expect(node.error.message.contains("workflow-active-deadline"), "\(node.error.message)")
    #expect(harness.plugin.attempts(of: "n0").map(\.aborts) == [1])
    #expect(!harness.plugin.isRunning("n0"))
  }

  @Test func beforeTheDeadlinesNothingIsStopped() async throws {
    let (harness, status) = try await run(
      EngineDeadlines(nodeActive: .seconds(10), nodeExecution: .seconds(10), workflowActive: .seconds(10)),
      closure: try Self.closure(retries: 0), advance: 9, releaseAtAttempt: 1)
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(harness.plugin.attempts(of: "n0").map(\.aborts) == [0])
  }

  @Test(
    arguments: [
      ("0", nil), ("0s", nil), ("90s", Duration.seconds(90)), ("30m", .seconds(1800)), ("48h", .seconds(172_800)),
      ("250ms", .milliseconds(250)), ("12", .seconds(12)),
    ] as [(String, Duration?)])
  func deadlinesAreReadFromText(text: String, expected: Duration?) throws {
    #expect(try EngineDeadlines.parse(text).get() == expected)
  }

  @Test(arguments: ["", "soon", "-5s", "1e30h", "nan"])
  func badDeadlineTextIsRefusedWithAMessage(text: String) {
    guard case .failure(let error) = EngineDeadlines.parse(text) else {
      Issue.record("'\(text)' was accepted")
      return
    }
    #expect(error.message.contains("'\(text)'"), "\(error.message)")
  }
}
