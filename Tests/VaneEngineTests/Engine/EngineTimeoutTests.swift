import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneEngine
import VaneModel
import VaneTesting

/// Per-attempt timeouts from node metadata, driven by a manual clock the test moves. (The node's
/// terminal deadline, `timeout × (retries + 1)` from when it was queued, is covered by
/// `FailureHandlingTests`; these tests stay inside it unless they mean to pass it.)
@Suite("Engine timeouts")
struct EngineTimeoutTests {
  /// `chain` with a 1 s timeout and `retries` on its first node (n0, `square`).
  static func closure(retries: UInt32) throws -> Flyteidl_Core_CompiledWorkflowClosure {
    var closure = try Showcase.closure("showcase.basics.chain")
    let index = try #require(closure.primary.template.nodes.firstIndex { $0.id == "n0" })
    closure.primary.template.nodes[index].metadata.timeout = Google_Protobuf_Duration(seconds: 1)
    closure.primary.template.nodes[index].metadata.retries.retries = retries
    return closure
  }

  func runPastTheTimeout(retries: UInt32, advance seconds: Double) async throws -> (EngineHarness, Vane_ExecutionStatus)
  {
    let clock = ManualClock()
    let harness = try EngineHarness(clock: clock)
    harness.plugin.script("n0", ShowcaseTasks.square.holding())
    let spec = harness.spec(try Self.closure(retries: retries), inputs: ["x": .int(2)])
    let status = try await harness.running {
      let key = try await harness.engine.create(spec)
      _ = try await harness.waitForStatus(key, "n0 to run") { $0.nodes["n0"]?.nodePhase == .running }
      clock.advance(by: .seconds(seconds))
      if retries > 0 {
        _ = try await harness.waitForStatus(key, "a second attempt") { $0.nodes["n0"]?.attempts == 2 }
        harness.plugin.release("n0")
      }
      return try await harness.waitForEnd(key)
    }
    return (harness, status)
  }

  @Test func anAttemptPastItsTimeoutIsStoppedAndRetried() async throws {
    // 1.5 s: past the attempt's 1 s timeout, before the node's 2 s deadline.
    let (harness, status) = try await runPastTheTimeout(retries: 1, advance: 1.5)
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 9)
    let attempts = harness.plugin.attempts(of: "n0")
    #expect(attempts.map(\.attempt) == [0, 1])
    #expect(attempts.map(\.aborts) == [1, 0], "the timed-out attempt was stopped")
  }

  @Test func aTimeoutWithoutRetriesEndsTheNode() async throws {
    let (harness, status) = try await runPastTheTimeout(retries: 0, advance: 2)
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n0"])
    // Without retries the node's deadline is the attempt's timeout: it ends the node.
    #expect(node.nodePhase == .timedOut, "\(node.nodePhase)")
    #expect(node.error.code == "Timeout" && node.error.kind == .user)
    #expect(node.error.message.contains("deadline of 1s"), "\(node.error.message)")
    #expect(harness.plugin.attempts(of: "n0").map(\.aborts).first ?? 0 >= 1)
    #expect(!harness.plugin.isRunning("n0"))
  }

  /// A spec stored before the compiler range-checked it (issue #9, repro 2): a 10^17 s timeout
  /// and `retries = 2^32 − 1` used to trap the engine (`retries + 1` overflowed, and again on
  /// every restart). The engine clamps both and runs the node; its wake-up stays within a day.
  @Test func outOfRangeValuesOfAStoredSpecDoNotTrapTheEngine() async throws {
    var closure = try Self.closure(retries: .max)
    let index = try #require(closure.primary.template.nodes.firstIndex { $0.id == "n0" })
    closure.primary.template.nodes[index].metadata.timeout = Google_Protobuf_Duration(seconds: 100_000_000_000_000_000)
    let clock = ManualClock()
    let harness = try EngineHarness(clock: clock)
    harness.plugin.script("n0", ShowcaseTasks.square.holding())
    let spec = harness.spec(closure, inputs: ["x": .int(2)])
    let status = try await harness.running {
      let key = try await harness.engine.create(spec)
      _ = try await harness.waitForStatus(key, "n0 to run") { $0.nodes["n0"]?.nodePhase == .running }
      try await harness.waitForTimer(after: .seconds(86_400))
      harness.plugin.release("n0")
      return try await harness.waitForEnd(key)
    }
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 9)
  }
}
