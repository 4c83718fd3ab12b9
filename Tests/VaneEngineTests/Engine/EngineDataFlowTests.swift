import FlyteIDL
import Testing
import VaneData
import VaneEngine
import VaneModel
import VaneTesting

/// Real flytekit workflows run end to end: outputs equal what the Python code computes.
@Suite("Engine data flow")
struct EngineDataFlowTests {
  @Test func chainComputesSquareThenDoubleThenAddOne() async throws {
    let harness = try EngineHarness()
    let spec = harness.spec(try Showcase.closure("showcase.basics.chain"), inputs: ["x": .int(2)])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    // add(a=double(x=square(x=2)), b=1) == 9
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 9)
    for node in ["n0", "n1", "n2"] {
      #expect(status.nodes[node]?.nodePhase == .succeeded, "\(node)")
      #expect(status.nodes[node]?.attempts == 1, "\(node)")
    }
    #expect(try await harness.outputs(of: #require(status.nodes["n0"])).literals["o0"]?.intValue == 4)
    #expect(try await harness.outputs(of: #require(status.nodes["n1"])).literals["o0"]?.intValue == 8)
    #expect(status.hasStartedAt && status.hasStoppedAt)
  }

  @Test func fanOutFanInReturnsNamedStats() async throws {
    let harness = try EngineHarness()
    let spec = harness.spec(
      try Showcase.closure("showcase.basics.fan_out_in"), inputs: ["a": .int(1), "b": .int(2), "c": .int(3)])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    let outputs = try await harness.outputs(of: status)
    // stats(values=[1, 4, 9]) == Stats(total=14, mean=14/3)
    #expect(outputs.literals["total"]?.intValue == 14)
    #expect(outputs.literals["mean"]?.floatValue == 14.0 / 3.0)
    #expect(Set(outputs.literals.keys) == ["total", "mean"])
    // The fan-in node saw the three squares in binding order.
    let statsInputs = try await harness.dataStore.readMessage(
      Flyteidl_Core_LiteralMap.self, from: .init(#require(status.nodes["n3"]).dataDir + "/inputs.pb"))
    #expect(try statsInputs.ints("values") == [1, 4, 9])
  }

  @Test func namedOutputsAreConsumedOneByOne() async throws {
    let harness = try EngineHarness()
    let spec = harness.spec(
      try Showcase.closure("showcase.basics.named_outputs"),
      inputs: ["values": .list([.int(1), .int(2), .int(3), .int(4)])])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    let outputs = try await harness.outputs(of: status)
    // add(a=s.total, b=1), s.mean for values [1, 2, 3, 4]
    #expect(outputs.literals["o0"]?.intValue == 11)
    #expect(outputs.literals["o1"]?.floatValue == 2.5)
  }

  @Test func inlineSubworkflowsNestTwoLevels() async throws {
    let harness = try EngineHarness()
    let spec = harness.spec(try Showcase.closure("showcase.subworkflows.parent"), inputs: ["x": .int(3)])
    let (_, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    // twice_sub(3) = (double(3), square_then_add(3, 3)) = (6, 12); add(6, 12) = 18
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 18)
    let twiceSub = try #require(status.nodes["n0"])
    #expect(twiceSub.nodePhase == .succeeded)
    #expect(twiceSub.children["n0"]?.nodePhase == .succeeded)
    let squareThenAdd = try #require(twiceSub.children["n1"])
    #expect(squareThenAdd.nodePhase == .succeeded)
    #expect(squareThenAdd.children["n0"]?.nodePhase == .succeeded)
    #expect(squareThenAdd.children["n1"]?.nodePhase == .succeeded)
    #expect(try await harness.outputs(of: twiceSub).literals["o1"]?.intValue == 12)
    // Nested nodes run under their parent's unique id, and their data lives under the
    // parent's output directory.
    let nested = harness.plugin.attempts.values.map(\.nodeID).sorted()
    #expect(nested == ["n0-0-n0", "n0-0-n1-0-n0", "n0-0-n1-0-n1", "n1"].sorted())
    #expect(squareThenAdd.dataDir.hasPrefix(twiceSub.outputDir + "/"))
  }
}
