import FlyteIDL
import Foundation
import Testing
import VaneData
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// Recovery mode: a new execution with `recover_from` reuses what succeeded in the old one.
/// `parent` runs `twice_sub` (n0: double n0-0-n0, and the subworkflow square_then_add
/// n0-0-n1 with square n0-0-n1-0-n0 and add n0-0-n1-0-n1), then add (n1).
@Suite("Recovery")
struct RecoveryTests {
  private static let nestedAdd = "n0-0-n1-0-n1"

  /// A copy of `spec` named `name`, recovering from `spec` or not.
  private func copy(
    _ spec: Vane_ExecutionSpec, name: String, recovering: Bool, in harness: EngineHarness
  ) -> Vane_ExecutionSpec {
    var copy = spec
    copy.id.name = name
    copy.dataDir = harness.layout.executionDirectory(copy.id).rawValue
    if recovering { copy.recoverFrom = spec.id }
    return copy
  }

  /// Runs the specs one after the other in one engine run (`between` runs before each but
  /// the first); returns each final status.
  private func runInTurn(
    _ specs: [Vane_ExecutionSpec], harness: EngineHarness, between: @escaping (Int) -> Void = { _ in }
  ) async throws -> [(ResourceKey, Vane_ExecutionStatus)] {
    try await harness.running {
      var results: [(ResourceKey, Vane_ExecutionStatus)] = []
      for (index, spec) in specs.enumerated() {
        if index > 0 { between(index) }
        let key = try await harness.engine.create(spec)
        results.append((key, try await harness.waitForEnd(key)))
      }
      return results
    }
  }

  @Test func onlyTheFailedPartRunsAgainAndTheOutputsMatchAFreshRun() async throws {
    let harness = try EngineHarness()
    harness.plugin.script(Self.nestedAdd, ShowcaseTasks.add.ending([0: .permanent]))
    let first = harness.spec(
      try Showcase.closure("showcase.subworkflows.parent"), inputs: ["x": .int(3)], name: "first")
    let results = try await runInTurn(
      [
        first, copy(first, name: "second", recovering: true, in: harness),
        copy(first, name: "third", recovering: false, in: harness),
      ],
      harness: harness, between: { _ in harness.plugin.script(Self.nestedAdd, ShowcaseTasks.add) })
    let failed = results[0].1
    let (key, status) = results[1]
    let fresh = results[2].1
    #expect(failed.workflowPhase == .failed)
    #expect(failed.nodes["n0"]?.nodePhase == .failed)
    #expect(status.workflowPhase == .success)
    let lines = harness.recorder.lines(of: key)
    // Succeeded before: recovered, never run.
    for recovered in ["n0-0-n0", "n0-0-n1-0-n0"] {
      #expect(lines.starting(with: "node \(recovered) ") == ["node \(recovered) recovered"], "\(recovered)")
      #expect(lines.starting(with: "task \(recovered)#").isEmpty, "\(recovered) ran again")
    }
    // Failed or never ran before: run.
    for ran in ["n0", "n0-0-n1", Self.nestedAdd, "n1"] {
      #expect(lines.starting(with: "node \(ran) ").last == "node \(ran) succeeded", "\(ran)")
    }
    #expect(lines.starting(with: "task \(Self.nestedAdd)#").last == "task \(Self.nestedAdd)#0 succeeded")
    #expect(status.nodes["n0"]?.children["n0"]?.nodePhase == .recovered)
    #expect(fresh.workflowPhase == .success)
    #expect(try await harness.outputs(of: status) == harness.outputs(of: fresh))
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue != nil)
  }

  @Test func aNodeThatSucceededIsRecoveredWholeWithItsOutputs() async throws {
    let harness = try EngineHarness()
    // The top-level add (n1) fails: the whole subworkflow n0 succeeded and is recovered as one.
    harness.plugin.script("n1", ShowcaseTasks.add.ending([0: .permanent]))
    let first = harness.spec(
      try Showcase.closure("showcase.subworkflows.parent"), inputs: ["x": .int(3)], name: "first")
    let results = try await runInTurn(
      [first, copy(first, name: "second", recovering: true, in: harness)], harness: harness,
      between: { _ in harness.plugin.script("n1", ShowcaseTasks.add) })
    let failed = results[0].1
    let (key, status) = results[1]
    #expect(failed.workflowPhase == .failed)
    #expect(status.workflowPhase == .success)
    let node = try #require(status.nodes["n0"])
    #expect(node.nodePhase == .recovered)
    #expect(node.children.isEmpty, "a recovered node does not run its children")
    #expect(try await harness.outputs(of: node) == harness.outputs(of: #require(failed.nodes["n0"])))
    #expect(node.outputsUri.contains("proj-dev-second"), "outputs are copied into the new execution's data")
    #expect(!harness.recorder.lines(of: key).contains { $0.hasPrefix("task n0") })
    let events = try await harness.storedEvents(key)
    #expect(try events.map { try $0.line() }.contains("node n0 recovered"))
  }

  @Test func aMissingSourceRunsEverything() async throws {
    let harness = try EngineHarness()
    var spec = harness.spec(try Showcase.closure("showcase.basics.chain"), inputs: ["x": .int(2)], name: "lonely")
    spec.recoverFrom.project = "proj"
    spec.recoverFrom.domain = "dev"
    spec.recoverFrom.name = "never-existed"
    let (key, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success)
    #expect(!harness.recorder.lines(of: key).contains { $0.hasSuffix(" recovered") })
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 9, "chain(2) = 2² × 2 + 1")
  }
}
