import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneData
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// The gate handler alone, with a manual clock: a sleep ends exactly when its time has passed
/// and asks to be woken then; a signal or an approval is requested once and read every round.
/// `showcase.gates.gated`: n0 sleeps 1 s, n1 waits for the int signal `bonus`, n3 waits for the
/// approval `approve-proposal` of its input.
@Suite("Gate handler")
struct GateHandlerTests {
  func harness(_ node: String, inputs: [String: Flyteidl_Core_Literal] = [:]) async throws -> HandlerHarness {
    let harness = try HandlerHarness(try Showcase.closure("showcase.gates.gated"), node: node, inputs: ["x": .int(1)])
    try await harness.start(inputs: inputs)
    return harness
  }

  func signals(_ harness: HandlerHarness) -> SignalStore { SignalStore(keyValues: harness.keyValues) }

  @Test func aSleepEndsWhenItsTimeHasPassedAndAsksToBeWokenThen() async throws {
    let harness = try await harness("n0")
    let first = await harness.handle().verdict
    #expect(first.isRunning && first.wakeUpAfter == .seconds(1))
    harness.clock.advance(by: .milliseconds(400))
    let midway = await harness.handle().verdict
    #expect(midway.isRunning && midway.wakeUpAfter == .milliseconds(600))
    harness.clock.advance(by: .milliseconds(599))
    #expect(await harness.handle().verdict.isRunning)
    harness.clock.advance(by: .milliseconds(1))
    let done = await harness.handle().verdict
    #expect(done.kind == .success(outputs: nil))
  }

  @Test func aSignalIsRequestedOnceAndItsValueBecomesTheOutput() async throws {
    let harness = try await harness("n1")
    let waiting = await harness.handle().verdict
    #expect(waiting.isRunning && waiting.wakeUpAfter == GateNodeHandler.signalPollInterval)
    #expect(waiting.reason.contains("vane signal set exec bonus"))
    let pending = try await signals(harness).signals(of: harness.spec.id)
    #expect(pending.map(\.id) == ["bonus"] && pending.map(\.nodeID) == ["n1"] && pending[0].value == nil)
    #expect(await harness.handle().verdict.isRunning)
    try await signals(harness).set(.int(7), for: "bonus", in: harness.spec.id)
    let done = await harness.handle().verdict
    #expect(try await harness.outputs(at: done.outputs).literals["o0"]?.intValue == 7)
  }

  @Test func aSignalOfAnotherTypeFailsTheNode() async throws {
    let harness = try await harness("n1")
    _ = await harness.handle()
    // Written past `SignalStore.set`, which would refuse it: the gate checks again.
    let key = SignalStore.key("bonus", in: harness.spec.id)
    let bytes: Data = try Flyteidl_Core_Literal.string("seven").serializedBytes()
    try await harness.keyValues.put(SignalStore.values, key, bytes)
    let verdict = await harness.handle().verdict
    #expect(verdict.isFailure)
    #expect(verdict.error?.code == "RuntimeExecutionError" && verdict.error?.kind == .user)
  }

  @Test func anApprovalPassesTheInputsThrough() async throws {
    let harness = try await harness("n3", inputs: ["o0": .int(300)])
    #expect(await harness.handle().verdict.isRunning)
    try await signals(harness).set(.bool(true), for: "approve-proposal", in: harness.spec.id)
    let done = await harness.handle().verdict
    #expect(try await harness.outputs(at: done.outputs) == literals(["o0": .int(300)]))
  }

  @Test func aRejectionFailsTheNode() async throws {
    let harness = try await harness("n3", inputs: ["o0": .int(300)])
    _ = await harness.handle()
    try await signals(harness).set(.bool(false), for: "approve-proposal", in: harness.spec.id)
    let verdict = await harness.handle().verdict
    #expect(verdict.isFailure)
    #expect(verdict.error?.code == "ReceivedRejectSignal" && verdict.error?.kind == .user)
  }
}
