import FlyteIDL
import Foundation
import Testing
import VaneData
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// A data store that stops answering while a dynamic node reads its subgraph or an array node
/// gathers its items' outputs: the node waits and looks again (here on a wake-up, not the timer),
/// then finishes once the store is back — no failure, no retry, no task run twice.
@Suite("Store outages")
struct StoreOutageTests {
  @Test func aDynamicNodeWaitsOutAnOutageWhileReadingItsSubgraph() async throws {
    let (harness, spec) = try DynamicTests.harness(DynamicTests.sumOfSquaresJob(), n: 4)
    try await DynamicTests.writeFutures(
      DynamicTests.sumOfSquaresJob(), at: DynamicTests.n0Paths(harness, spec), harness: harness)
    // The task's attempt is judged (futures.pb exists); reading the subgraph is refused.
    harness.outage.goDown { access, uri in access == .read && uri.rawValue.hasSuffix("/n0/data/0/futures.pb") }
    let status = try await harness.running {
      let key = try await harness.engine.create(spec)
      let waiting = try await Self.waitOutOutage(key, harness: harness)
      let node = try #require(waiting.nodes["n0"])
      #expect(node.nodePhase == .running, "\(node.message)")
      #expect(node.attempts == 1 && node.systemFailures == 0)
      harness.outage.comeBack()
      harness.engine.wakeUp(key)
      return try await harness.waitForEnd(key)
    }
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == 25)
    #expect(harness.plugin.attempts(of: "n0").count == 1, "the dynamic task ran again")
    #expect(try #require(status.nodes["n0"]).attempts == 1)
  }

  @Test func anArrayNodeWaitsOutAnOutageWhileGatheringOutputs() async throws {
    let harness = try EngineHarness()
    ArrayNodeTests.scriptMapWF(harness.plugin, words: 0, xs: 3)
    let spec = harness.spec(
      try Showcase.closure("showcase.maps.map_wf"), inputs: ["words": .list([]), "xs": .list((1...3).map { .int($0) })])
    // Items finish (their outputs.pb exist); reading them back to gather the lists is refused.
    harness.outage.goDown { access, uri in
      access == .read && uri.rawValue.range(of: "/n1/data/0/[0-9]+/0/outputs\\.pb$", options: .regularExpression) != nil
    }
    let status = try await harness.running {
      let key = try await harness.engine.create(spec)
      let waiting = try await Self.waitOutOutage(key, harness: harness)
      let node = try #require(waiting.nodes["n1"])
      #expect(node.nodePhase == .running, "\(node.message)")
      #expect(node.array.succeeded == 3 && node.array.failed == 0)
      #expect(node.attempts == 1 && node.systemFailures == 0)
      harness.outage.comeBack()
      harness.engine.wakeUp(key)
      return try await harness.waitForEnd(key)
    }
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o1"]?.intValue == 1 + 4 + 9)
    for index in 0..<3 {
      #expect(harness.plugin.attempts(of: ArrayNodeTests.item("n1", index)).count == 1, "item \(index) ran again")
    }
  }

  /// Waits until the engine has been refused in two rounds (the second forced by a wake-up, so
  /// the first round's status is committed) and returns the stored status.
  static func waitOutOutage(_ key: ResourceKey, harness: EngineHarness) async throws -> Vane_ExecutionStatus {
    try await eventually("the engine to meet the outage") { harness.outage.refusals >= 1 }
    let first = harness.outage.refusals
    harness.engine.wakeUp(key)
    try await eventually("a second round to meet the outage") { harness.outage.refusals > first }
    return try #require(try await harness.engine.status(of: key))
  }
}
