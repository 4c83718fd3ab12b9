import FlyteIDL
import Foundation
import Testing
import VaneData
import VaneModel
import VaneTesting

@testable import VaneEngine

/// The dynamic handler alone: a task that leaves `futures.pb` has its subgraph compiled and
/// stored once, then run as the node's children round by round; a task that leaves outputs is
/// an ordinary task node. `fan(n)` returns `add(square(3), square(n))`.
@Suite("Dynamic handler")
struct DynamicHandlerTests {
  func harness(n: Int64 = 4) async throws -> HandlerHarness {
    let harness = try HandlerHarness(try DynamicTests.closure(), node: "n0", inputs: ["n": .int(n)])
    harness.plugin.script("fan", TaskScript { _ in literals([:]) }.ending([:], otherwise: .noOutputs))
    try await harness.start(inputs: ["n": .int(n)])
    return harness
  }

  @Test func theSubgraphIsCompiledOnceAndRunAsChildren() async throws {
    let harness = try await harness(n: 4)
    #expect(await harness.handle().verdict.isRunning, "the task runs first")
    try await harness.dataStore.writeMessage(DynamicTests.sumOfSquaresJob(), to: harness.paths.futures)
    let closure = harness.paths.outputDirectory.appending(DynamicCompilation.closureFileName)
    // The task's end is committed first; the subgraph is compiled in the next round, at once.
    let ended = await harness.handle().verdict
    #expect(ended.kind == .running && !ended.isDynamic && ended.wakeUpAfter == .zero)
    #expect(DynamicPhase(stored: harness.status.dynamicPhase) == .compiling)
    #expect(!harness.dataStore.uris.contains(closure))
    let subgraph = await harness.handle().verdict
    #expect(subgraph.kind == .running && subgraph.isDynamic)
    #expect(DynamicPhase(stored: harness.status.dynamicPhase) == .executing)
    #expect(harness.status.dynamicClosureUri == closure.rawValue)
    #expect(harness.dataStore.uris.contains(closure), "the compiled subgraph is stored for a restarted engine")
    #expect(harness.plugin.attempts(of: "n0").map(\.finalizes) == [1], "the task's attempt is released first")
    var verdict = subgraph
    for _ in 0..<10 where verdict.kind == .running { verdict = await harness.handle().verdict }
    #expect(try await harness.outputs(at: verdict.outputs).literals["o0"]?.intValue == 9 + 16)
    #expect(harness.plugin.attempts(of: "n0").map(\.starts) == [1], "the task is never asked again")
    #expect(harness.status.children.keys.sorted() == ["dn0", "dn1", "dn2"])
  }

  @Test func aSubgraphThatDoesNotCompileIsTheUsersError() async throws {
    let harness = try await harness()
    _ = await harness.handle()
    var job = DynamicTests.sumOfSquaresJob()
    job.nodes[2].inputs[0].binding.promise.nodeID = "nowhere"
    try await harness.dataStore.writeMessage(job, to: harness.paths.futures)
    #expect(await harness.handle().verdict.kind == .running, "compiled in the next visit")
    let verdict = await harness.handle().verdict
    #expect(verdict.isFailure)
    #expect(verdict.error?.code == "DynamicWorkflowBuildFailed" && verdict.error?.kind == .user)
  }

  @Test func unreadableFuturesAreAMalformedDynamicWorkflow() async throws {
    let harness = try await harness()
    _ = await harness.handle()
    try await harness.dataStore.write(.init([0xff, 0x01]), to: harness.paths.futures)
    #expect(await harness.handle().verdict.kind == .running, "read in the next visit")
    let verdict = await harness.handle().verdict
    #expect(verdict.isRetryable)
    #expect(verdict.error?.code == "MalformedDynamicWorkflow" && verdict.error?.kind == .system)
  }

  @Test func aTaskWithOrdinaryOutputsIsATaskNode() async throws {
    let harness = try await harness()
    harness.plugin.script("fan", TaskScript { _ in literals(["o0": .int(1)]) })
    _ = await harness.handle()
    let verdict = await harness.handle().verdict
    #expect(verdict.outputs == harness.paths.outputs)
    #expect(DynamicPhase(stored: harness.status.dynamicPhase) == .task)
    #expect(harness.status.children.isEmpty)
  }
}
