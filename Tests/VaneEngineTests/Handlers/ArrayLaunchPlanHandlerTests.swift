import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneData
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// The array handler over a mapped launch plan, alone, over the engine's real launcher and a
/// SQLite resource store (the test plays the children's engine by writing their statuses):
/// `map(plus_ten, concurrency=1)(a=[5, 6])` launches one child per item, once, in order, and
/// gathers or fails as the children end.
@Suite("Array handler over launch plans")
struct ArrayLaunchPlanHandlerTests {
  struct Setup {
    let harness: HandlerHarness
    let store: SQLiteResourceStore
    let woken: Locked<[ResourceKey]>
    let directory: TemporaryDirectory
  }

  func setup() async throws -> Setup {
    let directory = try TemporaryDirectory("vane-array-launch-plan-handler")
    let store = try SQLiteResourceStore(path: directory.path + "/vane.db")
    let woken = Locked<[ResourceKey]>([])
    let harness = try HandlerHarness(
      try ArrayOverLaunchPlanTests.closure { $0.parallelism = 1 }, node: "n0",
      inputs: ["xs": .list([.int(5), .int(6)])],
      launcher: StoreExecutionLauncher(
        store: store, clock: ManualClock(), wakeUp: { key in woken.withLock { $0.append(key) } })
    ) { spec in
      spec.launchPlans = [try G.launchPlanClosure(LaunchPlanNodeTests.plusTen, catalog: LaunchPlanNodeTests.catalog)]
    }
    try await harness.start(inputs: ["a": .list([.int(5), .int(6)])])
    return Setup(harness: harness, store: store, woken: woken, directory: directory)
  }

  func key(_ index: Int) -> ResourceKey {
    ResourceKey(project: "proj", domain: "dev", name: ArrayOverLaunchPlanTests.childName(index, parent: "exec"))
  }

  /// Plays child `index`'s engine: it ends with `status` (and, on success, `o0`).
  func finish(_ setup: Setup, _ index: Int, phase: WorkflowPhase, o0: Int64? = nil, error: String? = nil) async throws {
    let key = key(index)
    let stored = try #require(try await setup.store.getStatus(key))
    var status = Vane_ExecutionStatus()
    status.phase = phase.rawValue
    if let o0 {
      let id = Flyteidl_Core_WorkflowExecutionIdentifier.with {
        $0.project = "proj"
        $0.domain = "dev"
        $0.name = key.name
      }
      let uri = setup.harness.layout.executionDirectory(id).appending("end-node", "data", "0", "outputs.pb")
      try await setup.harness.dataStore.writeMessage(literals(["o0": .int(o0)]), to: uri)
      status.outputsUri = uri.rawValue
    }
    if let error { status.error = .make(code: "USER:ValueError", message: error, kind: .user) }
    _ = try await setup.store.update(
      key, expectedVersion: stored.metadata.version, status: try status.serializedBytes(), terminal: true)
  }

  @Test func launchesOneChildPerItemOnceAndGathersTheirOutputs() async throws {
    let setup = try await setup()
    defer { setup.directory.remove() }
    let harness = setup.harness
    #expect(await harness.handle().verdict.isRunning)
    #expect(setup.woken.value == [key(0)], "concurrency 1: the first item only")
    let spec = try Vane_ExecutionSpec(serializedBytes: try #require(try await setup.store.get(key(0))).spec)
    #expect(spec.inputs.literals["a"]?.intValue == 5 && spec.inputs.literals["b"]?.intValue == 10)
    #expect(spec.parentNode.nodeID == "n0" && spec.parentNode.executionID.name == "exec")

    #expect(await harness.handle().verdict.isRunning)
    #expect(setup.woken.value == [key(0)], "a round while the child runs launches nothing")

    try await finish(setup, 0, phase: .success, o0: 15)
    #expect(await harness.handle().verdict.isRunning)
    #expect(setup.woken.value == [key(0), key(1)])

    try await finish(setup, 1, phase: .success, o0: 16)
    let verdict = await harness.handle().verdict
    #expect(verdict.outputs == harness.paths.outputs)
    let gathered = try await harness.outputs(at: verdict.outputs).literals["o0"]?.listValue
    #expect(gathered?.map(\.intValue) == [15, 16])
  }

  @Test func aFailedChildFailsTheItemWithItsErrorAndIsNotRetried() async throws {
    let setup = try await setup()
    defer { setup.directory.remove() }
    _ = await setup.harness.handle()
    try await finish(setup, 0, phase: .failed, error: "boom")
    let verdict = await setup.harness.handle().verdict
    #expect(verdict.error?.code == "USER:ValueError" && verdict.error?.kind == .user)
    #expect(verdict.error?.message.contains("child execution \(key(0).name) failed: boom") == true)
    #expect(setup.woken.value == [key(0)], "neither a retry of item 0 nor item 1 was launched")
  }

  @Test func abortingTheNodeAbortsTheRunningChild() async throws {
    let setup = try await setup()
    defer { setup.directory.remove() }
    _ = await setup.harness.handle()
    await setup.harness.abort(reason: "parent stopped")
    let child = try #require(try await setup.store.getStatus(key(0)))
    #expect(child.metadata.abortRequest?.reason.contains("parent stopped") == true)
    #expect(try await setup.store.getStatus(key(1)) == nil)
  }
}
