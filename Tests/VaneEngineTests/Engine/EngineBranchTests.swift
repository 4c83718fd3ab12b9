import FlyteIDL
import Testing
import VaneEngine
import VaneModel
import VaneTesting

/// Conditional workflows from `showcase.branching`: the right leg runs, the others are
/// skipped, and a `.fail(...)` leg fails the workflow with the user's message. The compiler
/// names a leg `<branch id>-<leg id>`; a leg's unique id is `<branch unique id>-<attempt>-<leg id>`.
@Suite("Engine branches")
struct EngineBranchTests {
  func run(
    _ workflow: String, _ inputs: [String: Flyteidl_Core_Literal]
  ) async throws -> (EngineHarness, Vane_ExecutionStatus, [String]) {
    let harness = try EngineHarness()
    let spec = harness.spec(try Showcase.closure("showcase.branching.\(workflow)"), inputs: inputs)
    let (key, status) = try await harness.execute(spec)
    return (harness, status, harness.recorder.lines(of: key))
  }

  @Test(arguments: [(Int64(4), Int64(16), "n0-n0", "n0-n1"), (-3, 3, "n0-n1", "n0-n0")])
  func simpleBranchTakesOneLegAndSkipsTheOther(x: Int64, expected: Int64, taken: String, skipped: String) async throws {
    let (harness, status, lines) = try await run("simple_branch", ["x": .int(x)])
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == expected)
    let branch = try #require(status.nodes["n0"])
    #expect(branch.nodePhase == .succeeded)
    #expect(branch.branchTaken == taken)
    #expect(branch.children[taken]?.nodePhase == .succeeded)
    #expect(branch.children[skipped]?.nodePhase == .skipped)
    #expect(harness.plugin.attempts.keys.count == 1, "only the taken leg runs a task")
    #expect(lines.contains("node n0-0-\(skipped) skipped"))
    #expect(lines.starting(with: "node n0 ") == ["node n0 queued", "node n0 running", "node n0 succeeded"])
    #expect(
      lines.starting(with: "node n0-0-\(taken) ")
        == ["node n0-0-\(taken) queued", "node n0-0-\(taken) running", "node n0-0-\(taken) succeeded"])
  }

  struct NestedCase: Sendable, CustomTestStringConvertible {
    var x: Int64
    var strict: Bool
    var expected: String
    var outerLeg: String
    var innerLeg: String?
    var testDescription: String { "x=\(x) strict=\(strict)" }
  }

  @Test(arguments: [
    NestedCase(x: 7, strict: false, expected: "small:7", outerLeg: "n0-n0", innerLeg: "n0-n0-n1"),
    NestedCase(x: 7, strict: true, expected: "small-strict:7", outerLeg: "n0-n0", innerLeg: "n0-n0-n0"),
    NestedCase(x: 500, strict: false, expected: "huge:500", outerLeg: "n0-n1", innerLeg: nil),
    NestedCase(x: 50, strict: false, expected: "medium:50", outerLeg: "n0-n2", innerLeg: nil),
  ])
  func nestedBranchChoosesTheRightLeg(_ test: NestedCase) async throws {
    let (harness, status, _) = try await run("nested_branch", ["x": .int(test.x), "strict": .bool(test.strict)])
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.stringValue == test.expected)
    let outer = try #require(status.nodes["n0"])
    #expect(outer.branchTaken == test.outerLeg)
    for leg in ["n0-n0", "n0-n1", "n0-n2"] where leg != test.outerLeg {
      #expect(outer.children[leg]?.nodePhase == .skipped, "outer leg \(leg)")
    }
    if let innerLeg = test.innerLeg {
      let inner = try #require(outer.children["n0-n0"])
      #expect(inner.nodePhase == .succeeded)
      #expect(inner.branchTaken == innerLeg)
      #expect(inner.children[innerLeg]?.nodePhase == .succeeded)
      let other = innerLeg == "n0-n0-n0" ? "n0-n0-n1" : "n0-n0-n0"
      #expect(inner.children[other]?.nodePhase == .skipped)
    }
    #expect(harness.plugin.attempts.count == 1)
  }

  @Test func aFailLegFailsTheWorkflowWithTheUsersMessage() async throws {
    let (harness, status, _) = try await run("nested_branch", ["x": .int(-1), "strict": .bool(false)])
    #expect(status.workflowPhase == .failed)
    #expect(status.error.message == "x must not be negative")
    #expect(status.error.kind == .user)
    #expect(status.nodes["n0"]?.nodePhase == .failed)
    #expect(harness.plugin.attempts.isEmpty)
  }

  @Test func failingBranchFailsOnlyForNegativeInput() async throws {
    let (_, failed, _) = try await run("failing_branch", ["x": .int(-1)])
    #expect(failed.workflowPhase == .failed)
    #expect(failed.error.message == "negative input")
    let (harness, passed, _) = try await run("failing_branch", ["x": .int(2)])
    #expect(passed.workflowPhase == .success, "\(passed.message)")
    #expect(try await harness.outputs(of: passed).literals["o0"]?.stringValue == "ok:2")
  }

  @Test(arguments: [(Int64(3), Int64(9), "n1-n1"), (4, 8, "n1-n0")])
  func branchOnAnUpstreamOutput(x: Int64, expected: Int64, taken: String) async throws {
    let (harness, status, _) = try await run("branch_on_output", ["x": .int(x)])
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == expected)
    #expect(status.nodes["n1"]?.branchTaken == taken)
    #expect(Set(harness.plugin.attempts.values.map(\.nodeID)) == ["n0", "n1-0-\(taken)"])
  }
}
