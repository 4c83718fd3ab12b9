import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneCompiler
import VaneData
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// The launch-plan handler alone, over the engine's real launcher and a SQLite resource store:
/// it launches the child execution once under a deterministic name, waits for it (the test
/// plays the child's engine by writing its status), takes its outputs, and aborts it with the
/// node. The node is `plus_ten(a=x)` of `LaunchPlanNodeTests`.
@Suite("Launch plan handler")
struct LaunchPlanHandlerTests {
  /// The harness, its store and the keys the launcher woke up.
  struct Setup {
    let harness: HandlerHarness
    let store: SQLiteResourceStore
    let woken: Locked<[ResourceKey]>
    let directory: TemporaryDirectory
  }

  func setup(x: Int64 = 5) async throws -> Setup {
    let directory = try TemporaryDirectory("vane-launch-plan-handler")
    let store = try SQLiteResourceStore(path: directory.path + "/vane.db")
    let woken = Locked<[ResourceKey]>([])
    let harness = try HandlerHarness(
      try closure(), node: "n0", inputs: ["x": .int(x)],
      launcher: StoreExecutionLauncher(
        store: store, clock: ManualClock(), wakeUp: { key in woken.withLock { $0.append(key) } })
    ) { spec in
      spec.launchPlans = [try G.launchPlanClosure(LaunchPlanNodeTests.plusTen, catalog: LaunchPlanNodeTests.catalog)]
    }
    try await harness.start(inputs: ["a": .int(x)])
    return Setup(harness: harness, store: store, woken: woken, directory: directory)
  }

  func closure() throws -> Flyteidl_Core_CompiledWorkflowClosure {
    let parent = G.workflow(
      "parent", inputs: ["x"], outputs: ["o0"],
      nodes: [G.launchPlanNode("n0", "plus_ten", [G.bind("a", G.input("x"))])],
      bindings: [G.bind("o0", G.promise("n0", "o0"))])
    return try WorkflowCompiler(catalog: LaunchPlanNodeTests.catalog).compile(parent, subWorkflows: [])
  }

  /// Plays the child's engine: stores `status` as the child's.
  func finishChild(_ setup: Setup, _ status: Vane_ExecutionStatus) async throws {
    let key = ResourceKey(project: "proj", domain: "dev", name: setup.harness.status.childExecution)
    let stored = try #require(try await setup.store.getStatus(key))
    _ = try await setup.store.update(
      key, expectedVersion: stored.metadata.version, status: try status.serializedBytes(), terminal: true)
  }

  @Test func launchesTheChildOnceAndTakesItsOutputs() async throws {
    let setup = try await setup(x: 5)
    defer { setup.directory.remove() }
    let harness = setup.harness
    #expect(await harness.handle().verdict.isRunning)
    let name = harness.status.childExecution
    #expect(name == ChildExecutionSpec.name(parent: "exec", nodeUniqueID: "n0", attempt: 0))
    let key = ResourceKey(project: "proj", domain: "dev", name: name)
    #expect(setup.woken.value == [key], "the child is woken up at once")
    let stored = try #require(try await setup.store.get(key))
    let spec = try Vane_ExecutionSpec(serializedBytes: stored.spec)
    #expect(spec.inputs.literals["a"]?.intValue == 5 && spec.inputs.literals["b"]?.intValue == 10)
    #expect(spec.parentNode.nodeID == "n0" && spec.parentNode.executionID.name == "exec")

    // A second round while the child runs launches nothing more.
    #expect(await harness.handle().verdict.isRunning)
    #expect(setup.woken.value == [key])

    let outputs = harness.layout.executionDirectory(spec.id).appending("end-node", "data", "0", "outputs.pb")
    try await harness.dataStore.writeMessage(literals(["o0": .int(15)]), to: outputs)
    var done = Vane_ExecutionStatus()
    done.phase = WorkflowPhase.success.rawValue
    done.outputsUri = outputs.rawValue
    try await finishChild(setup, done)
    let verdict = await harness.handle().verdict
    #expect(verdict.outputs == harness.paths.outputs)
    #expect(try await harness.outputs(at: verdict.outputs).literals["o0"]?.intValue == 15)
  }

  /// Parts that read alike once joined or cleaned (case, `_` vs `-`, where a `-` falls, a long
  /// tail) still name different children; every name is a valid execution name.
  @Test func childNamesAreDistinctAndValid() {
    let pairs: [((String, String, UInt32), (String, String, UInt32))] = [
      (("exec", "n0_a", 0), ("exec", "n0-a", 0)),
      (("Exec", "n0", 0), ("exec", "n0", 0)),
      (("exec", "n0.1", 0), ("exec", "n0-1", 0)),
      ((String(repeating: "e", count: 60), "n0", 1), (String(repeating: "e", count: 60), "n0", 2)),
      (("exec", "n0-1", 0), ("exec-n0", "1", 0)),
    ]
    for (first, second) in pairs {
      let a = ChildExecutionSpec.name(parent: first.0, nodeUniqueID: first.1, attempt: first.2)
      let b = ChildExecutionSpec.name(parent: second.0, nodeUniqueID: second.1, attempt: second.2)
      for name in [a, b] {
        #expect(name.count <= ChildExecutionSpec.maxNameLength && name.first?.isLetter == true, "\(name)")
        #expect(name.allSatisfy { $0 == "-" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }, "\(name)")
      }
      #expect(a != b, "\(first) and \(second) share \(a)")
    }
  }

  @Test func aFailedChildFailsTheNodeWithItsError() async throws {
    let setup = try await setup()
    defer { setup.directory.remove() }
    _ = await setup.harness.handle()
    var failed = Vane_ExecutionStatus()
    failed.phase = WorkflowPhase.failed.rawValue
    failed.error = .make(code: "USER:ValueError", message: "boom", kind: .user)
    try await finishChild(setup, failed)
    let verdict = await setup.harness.handle().verdict
    #expect(verdict.error?.code == "USER:ValueError" && verdict.error?.kind == .user)
    #expect(verdict.error?.message.contains("boom") == true)
  }

  @Test func anAbortedChildIsARemoteChildFailure() async throws {
    let setup = try await setup()
    defer { setup.directory.remove() }
    _ = await setup.harness.handle()
    var aborted = Vane_ExecutionStatus()
    aborted.phase = WorkflowPhase.aborted.rawValue
    aborted.abortReason = "stopped by hand"
    try await finishChild(setup, aborted)
    let verdict = await setup.harness.handle().verdict
    #expect(verdict.error?.code == "RemoteChildWorkflowExecutionFailed" && verdict.error?.kind == .user)
    #expect(verdict.error?.message.contains("stopped by hand") == true)
  }

  @Test func abortingTheNodeAbortsTheChild() async throws {
    let setup = try await setup()
    defer { setup.directory.remove() }
    _ = await setup.harness.handle()
    await setup.harness.abort(reason: "parent stopped")
    let key = ResourceKey(project: "proj", domain: "dev", name: setup.harness.status.childExecution)
    let child = try #require(try await setup.store.getStatus(key))
    #expect(child.metadata.abortRequest?.reason.contains("parent stopped") == true)
  }

  @Test func aLaunchPlanMissingFromTheExecutionIsTheUsersError() async throws {
    let harness = try HandlerHarness(try closure(), node: "n0", inputs: ["x": .int(1)])
    try await harness.start(inputs: ["a": .int(1)])
    let verdict = await harness.handle().verdict
    #expect(verdict.isFailure)
    #expect(verdict.error?.code == "RuntimeExecutionError" && verdict.error?.kind == .user)
  }
}
