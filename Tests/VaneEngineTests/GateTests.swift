import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneEngine
import VaneModel
import VaneStore
import VaneTesting

/// Gate nodes. `showcase.gates.gated(x)`: n0 sleeps 1 s, n1 waits for the int signal `bonus`,
/// n2 `propose(x) = x * 100` runs after n0, n3 waits for the approval `approve-proposal` of
/// n2's output, n4 `settle(proposal, bonus) = proposal + bonus`.
@Suite("Gate nodes")
struct GateTests {
  static let propose = TaskScript { inputs in literals(["o0": .int(try inputs.int("x") * 100)]) }
  static let settle = TaskScript { inputs in
    literals(["o0": .int(try inputs.int("proposal") + inputs.int("bonus"))])
  }

  /// An engine on a manual clock: gates sleep and poll on it, and the test moves it.
  func harness() throws -> EngineHarness {
    let harness = try EngineHarness(clock: ManualClock())
    harness.plugin.script("propose", Self.propose)
    harness.plugin.script("settle", Self.settle)
    return harness
  }

  func signals(_ harness: EngineHarness) -> SignalStore {
    SignalStore(keyValues: harness.engine.environment.keyValues)
  }

  /// Waits until the gates of `spec` asked for `ids`.
  func waitForRequests(_ ids: Set<String>, harness: EngineHarness, spec: Vane_ExecutionSpec) async throws {
    try await eventually("signal requests \(ids)") {
      Set(try await signals(harness).signals(of: spec.id).map(\.id)) == ids
    }
  }

  /// Lets the engine go quiet (its next timer is a second away: the sleep's end or a signal
  /// poll), then moves its clock by that second.
  func nextSecond(_ harness: EngineHarness) async throws {
    try await harness.waitForTimer(after: .seconds(1))
    harness.clock?.advance(by: .seconds(1))
  }

  /// Starts `spec` and runs it up to both gates waiting for their signals (the sleep over).
  func runToTheGates(_ harness: EngineHarness, _ spec: Vane_ExecutionSpec) async throws -> ResourceKey {
    let key = try await harness.engine.create(spec)
    try await harness.waitForTimer(after: .seconds(1))
    let pending = try await signals(harness).signals(of: spec.id)
    #expect(pending.map(\.id) == ["bonus"], "the approval waits for the proposal, which waits for the sleep")
    harness.clock?.advance(by: .seconds(1))
    try await waitForRequests(["bonus", "approve-proposal"], harness: harness, spec: spec)
    return key
  }

  @Test func signalsSetWhileTheExecutionWaitsLetItFinish() async throws {
    let harness = try harness()
    let spec = harness.spec(try Showcase.closure("showcase.gates.gated"), inputs: ["x": .int(3)])
    let (key, status) = try await harness.running {
      let key = try await runToTheGates(harness, spec)
      let pending = try await signals(harness).signals(of: spec.id)
      #expect(pending.map(\.id) == ["approve-proposal", "bonus"])
      #expect(pending.map(\.isApproval) == [true, false])
      #expect(pending.map(\.nodeID) == ["n3", "n1"])
      #expect(pending.allSatisfy { $0.value == nil })
      #expect(pending[1].type.simple == .integer)
      // Nothing past the gates ran yet.
      #expect(try await harness.engine.status(of: key)?.nodes["n4"] == nil)
      try await signals(harness).set(.int(7), for: "bonus", in: spec.id)
      try await signals(harness).set(.bool(true), for: "approve-proposal", in: spec.id)
      // Another process set them: the gates see them at their next look, a second later.
      try await nextSecond(harness)
      return (key, try await harness.waitForEnd(key))
    }
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 307)
    let bonus = try await harness.outputs(of: try #require(status.nodes["n1"]))
    #expect(bonus.literals["o0"]?.intValue == 7)
    // The approval passes its inputs through.
    let approved = try await harness.outputs(of: try #require(status.nodes["n3"]))
    #expect(approved.literals["o0"]?.intValue == 300)
    // The sleep lasted exactly its second, and the task after it started only then.
    let sleep = try #require(status.nodes["n0"])
    #expect(sleep.nodePhase == .succeeded)
    #expect(sleep.stoppedAt.date.timeIntervalSince(sleep.startedAt.date) == 1)
    #expect(try #require(status.nodes["n2"]).startedAt.date == sleep.stoppedAt.date)
    let lines = harness.recorder.lines(of: key)
    #expect(lines.starting(with: "node n1 ") == ["node n1 queued", "node n1 running", "node n1 succeeded"])
    let listed = try await signals(harness).signals(of: spec.id)
    #expect(listed.compactMap { $0.value?.intValue } == [7])
    #expect(listed.compactMap { $0.value?.boolValue } == [true])
  }

  @Test func aRejectedApprovalFailsTheNode() async throws {
    let harness = try harness()
    let spec = harness.spec(try Showcase.closure("showcase.gates.gated"), inputs: ["x": .int(1)])
    let status = try await harness.running {
      let key = try await runToTheGates(harness, spec)
      try await signals(harness).set(.bool(false), for: "approve-proposal", in: spec.id)
      try await nextSecond(harness)
      return try await harness.waitForEnd(key)
    }
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n3"])
    #expect(node.nodePhase == .failed)
    #expect(node.error.code == "ReceivedRejectSignal")
    #expect(node.error.kind == .user)
    #expect(status.nodes["n4"]?.nodePhase != .succeeded)
  }

  @Test func setRejectsUnknownSignalsWrongTypesAndSecondValues() async throws {
    let harness = try harness()
    let spec = harness.spec(try Showcase.closure("showcase.gates.gated"), inputs: ["x": .int(1)])
    try await harness.running {
      let key = try await runToTheGates(harness, spec)
      let store = signals(harness)
      let unknown = await #expect(throws: SignalError.self) { try await store.set(.int(1), for: "bonuss", in: spec.id) }
      #expect(unknown?.code == .unknownSignal)
      #expect(unknown?.message.contains("pending: approve-proposal, bonus") == true)
      let wrong = await #expect(throws: SignalError.self) {
        try await store.set(.string("five"), for: "bonus", in: spec.id)
      }
      #expect(wrong?.code == .typeMismatch)
      let notBool = await #expect(throws: SignalError.self) {
        try await store.set(.int(1), for: "approve-proposal", in: spec.id)
      }
      #expect(notBool?.code == .typeMismatch)
      try await store.set(.int(1), for: "bonus", in: spec.id)
      let twice = await #expect(throws: SignalError.self) { try await store.set(.int(2), for: "bonus", in: spec.id) }
      #expect(twice?.code == .alreadySet)
      try await harness.engine.abort(key, reason: "done")
      _ = try await harness.waitForEnd(key)
    }
  }

  @Test func aGateThatRunsOutOfTimeTimesOut() async throws {
    let harness = try harness()
    var closure = try Showcase.closure("showcase.gates.gated")
    let index = try #require(closure.primary.template.nodes.firstIndex { $0.id == "n1" })
    closure.primary.template.nodes[index].metadata.timeout = Google_Protobuf_Duration(seconds: 0, nanos: 300_000_000)
    let spec = harness.spec(closure, inputs: ["x": .int(1)])
    let status = try await harness.running {
      let key = try await harness.engine.create(spec)
      // The gate's deadline is the engine's first timer; nothing else happens before it.
      try await harness.waitForTimer(after: .milliseconds(300))
      #expect(try await harness.engine.status(of: key)?.nodes["n1"]?.nodePhase == .running)
      harness.clock?.advance(by: .milliseconds(300))
      return try await harness.waitForEnd(key)
    }
    #expect(status.workflowPhase == .failed)
    let node = try #require(status.nodes["n1"])
    #expect(node.nodePhase == .timedOut)
    #expect(node.error.code == "Timeout" && node.error.kind == .user)
    #expect(node.error.message.contains("deadline of 0.3s"), "\(node.error.message)")
    #expect(status.nodes["n4"]?.nodePhase != .succeeded)
  }

  @Test func sleepEndsOnItsTimer() async throws {
    let harness = try harness()
    var closure = try Showcase.closure("showcase.gates.gated")
    let index = try #require(closure.primary.template.nodes.firstIndex { $0.id == "n0" })
    closure.primary.template.nodes[index].gateNode.sleep.duration = Google_Protobuf_Duration(seconds: 4, nanos: 0)
    let spec = harness.spec(closure, inputs: ["x": .int(1)])
    let status = try await harness.running {
      let key = try await harness.engine.create(spec)
      // The signal gate looks every second; the sleep goes on until its fourth.
      for _ in 1...3 {
        try await nextSecond(harness)
        try await harness.waitForTimer(after: .seconds(1))
        let midway = try #require(try await harness.engine.status(of: key))
        #expect(midway.nodes["n0"]?.nodePhase == .running)
        #expect(midway.nodes["n2"] == nil)
      }
      try await nextSecond(harness)
      return try await harness.waitForStatus(key, "the sleep to end") { $0.nodes["n0"]?.nodePhase == .succeeded }
    }
    let sleep = try #require(status.nodes["n0"])
    #expect(sleep.stoppedAt.date.timeIntervalSince(sleep.lastAttemptStartedAt.date) == 4)
  }
}
