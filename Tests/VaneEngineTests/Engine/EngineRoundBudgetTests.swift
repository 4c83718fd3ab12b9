import FlyteIDL
import SwiftProtobuf
import Synchronization
import Testing
import VaneCompiler
import VaneEngine
import VaneModel
import VaneStore
import VaneTesting

/// Bounded rounds (issue #13): a round stops starting nodes once its budget of node transitions
/// or time is spent, commits what it did and asks for the next round at once; a graph larger
/// than the budget takes several rounds and ends as it would in one.
@Suite("Engine round budgets")
struct EngineRoundBudgetTests {
  /// The node events of each round's commit, in commit order (observers hear each commit once).
  final class Commits: EngineObserver {
    private let batches = Mutex<[[EngineEvent]]>([])

    func engine(recorded events: [EngineEvent]) {
      batches.withLock { $0.append(events) }
    }

    /// Node events per commit of `key`.
    func nodeEvents(of key: ResourceKey) -> [Int] {
      batches.withLock { batches in
        batches.filter { $0.first?.key == key }.map { events in
          events.filter { if case .node = $0.message { true } else { false } }.count
        }
      }
    }
  }

  static let square = G.task("square", inputs: ["x"])

  /// `wf() -> (o0 … o{n-1})`: n independent `square` nodes, node i squaring i.
  static func fanOut(_ count: Int) throws -> Flyteidl_Core_CompiledWorkflowClosure {
    let nodes = (0..<count).map { G.taskNode("n\($0)", "square", [G.bind("x", G.literal(Int64($0)))]) }
    let outputs = (0..<count).map { G.bind("o\($0)", G.promise("n\($0)", "o0")) }
    let workflow = G.workflow(
      "fan", inputs: [], outputs: (0..<count).map { "o\($0)" }, nodes: nodes, bindings: outputs)
    return try WorkflowCompiler(catalog: EntityCatalog(tasks: [square])).compile(workflow, subWorkflows: [])
  }

  /// A harness whose `square` attempts end on their first visit (as echo tasks do).
  static func harness(_ limits: RoundLimits, clock: ManualClock? = nil) throws -> (EngineHarness, Commits) {
    let harness = try EngineHarness(clock: clock, roundLimits: limits)
    harness.plugin.script("square", ShowcaseTasks.square.immediately())
    let commits = Commits()
    harness.engine.observe(commits)
    return (harness, commits)
  }

  static func expectSquares(_ harness: EngineHarness, _ status: Vane_ExecutionStatus, count: Int) async throws {
    #expect(status.workflowPhase == .success, "\(status.message)")
    let outputs = try await harness.outputs(of: status)
    for index in 0..<count {
      #expect(outputs.literals["o\(index)"]?.intValue == Int64(index * index), "o\(index)")
    }
  }

  @Test func aFanOutLargerThanTheBudgetCommitsInSeveralRoundsAndEndsTheSame() async throws {
    let budget = 10
    // On the manual clock rounds take no time: the budget is grown by nothing but the status.
    // A fixed budget: no doubling (`longestDuration` is `duration`).
    let limits = RoundLimits(transitions: budget, longestDuration: .milliseconds(50))
    let (harness, commits) = try Self.harness(limits, clock: ManualClock())
    let (key, status) = try await harness.execute(harness.spec(try Self.fanOut(30), inputs: [:]))
    try await Self.expectSquares(harness, status, count: 30)
    let rounds = commits.nodeEvents(of: key)
    let perNode = harness.recorder.lines(of: key).filter { $0.hasPrefix("node n7 ") }.count
    #expect(perNode >= 2, "a node reports at least queued and succeeded")
    // A round stops before a node once `budget` transitions were made; the node it was
    // visiting goes as far as it can, so a round makes at most one visit's worth more.
    #expect(rounds.allSatisfy { $0 <= budget + perNode - 1 }, "\(rounds)")
    #expect(rounds.count >= 30 * perNode / (budget + perNode - 1), "\(rounds)")
    #expect(rounds.reduce(0, +) == 30 * perNode, "every transition committed once: \(rounds)")
    #expect(Int(status.rounds) == rounds.count, "one stored round per commit")
    // Stored apart: a head without nodes and one record per node, read back as the same status.
    let stored = try #require(try await harness.store.getStatus(key))
    #expect(try Vane_ExecutionStatus(serializedBytes: stored.status).nodes.isEmpty)
    #expect(stored.records.count == status.nodes.count)
    #expect(try stored.executionStatus() == status)
  }

  @Test func roundsThatSpendTheirBudgetDoubleTheNextUpToTheLongest() async throws {
    let budget = 10
    // Steps of 10 transitions, doubling up to 4 steps (200 ms of a 50 ms step).
    let limits = RoundLimits(transitions: budget, longestDuration: .milliseconds(200))
    let (harness, commits) = try Self.harness(limits, clock: ManualClock())
    let (key, status) = try await harness.execute(harness.spec(try Self.fanOut(80), inputs: [:]))
    try await Self.expectSquares(harness, status, count: 80)
    let rounds = commits.nodeEvents(of: key)
    let perNode = harness.recorder.lines(of: key).filter { $0.hasPrefix("node n7 ") }.count
    // One step, then 2, 4, 4, … while every round spends its budget.
    let steps = [1, 2] + Array(repeating: 4, count: max(0, rounds.count - 2))
    for (index, events) in rounds.enumerated().dropLast() {
      #expect(events >= budget * steps[index], "round \(index) of \(rounds)")
      #expect(events <= budget * steps[index] + perNode - 1, "round \(index) of \(rounds)")
    }
    #expect(rounds.reduce(0, +) == 80 * perNode, "every transition committed once: \(rounds)")
  }

  @Test func aFanOutWithinTheDefaultBudgetStillRunsInOneRound() async throws {
    // The manual clock stands still during the round: only the transitions budget counts.
    let (harness, commits) = try Self.harness(RoundLimits(), clock: ManualClock())
    let (key, status) = try await harness.execute(harness.spec(try Self.fanOut(30), inputs: [:]))
    try await Self.expectSquares(harness, status, count: 30)
    #expect(commits.nodeEvents(of: key).count == 1)
  }

  @Test func aRoundStopsStartingNodesOnceItsTimeIsSpentOnTheEnginesClock() async throws {
    let clock = ManualClock()
    // Each attempt takes 20 ms of the engine's clock; a round may run 50 ms: it starts nodes
    // at 0, 20 and 40 ms and stops before the fourth. The first round may run 10 ms.
    let (harness, commits) = try Self.harness(
      RoundLimits(transitions: .max, duration: .milliseconds(50), longestDuration: .milliseconds(50)), clock: clock)
    harness.plugin.script(
      "square",
      TaskScript { inputs in
        clock.advance(by: .milliseconds(20))
        return try ShowcaseTasks.square.compute(inputs)
      }.immediately())
    let (key, status) = try await harness.execute(harness.spec(try Self.fanOut(12), inputs: [:]))
    try await Self.expectSquares(harness, status, count: 12)
    let perNode = harness.recorder.lines(of: key).filter { $0.hasPrefix("node n0 ") }.count
    let rounds = commits.nodeEvents(of: key)
    // The first round may run 10 ms (`firstRoundDuration`): it starts one node and commits.
    #expect(rounds == [1, 3, 3, 3, 2].map { $0 * perNode }, "\(rounds)")
  }

  @Test func aDynamicFanOutLargerThanTheBudgetRunsAllItsChildren() async throws {
    let (harness, commits) = try Self.harness(
      RoundLimits(transitions: 10, longestDuration: .milliseconds(50)), clock: ManualClock())
    harness.plugin.script("fan", TaskScript { _ in literals([:]) }.ending([:], otherwise: .noOutputs))
    let children = 25
    let job = G.job(
      tasks: [Self.square],
      nodes: (0..<children).map { G.taskNode("dn\($0)", "square", [G.bind("x", G.literal(Int64($0)))]) },
      outputs: [G.bind("o0", G.promise("dn\(children - 1)", "o0"))])
    let spec = harness.spec(try DynamicTests.closure(), inputs: ["n": .int(0)])
    try await DynamicTests.writeFutures(job, at: DynamicTests.n0Paths(harness, spec), harness: harness)
    let (key, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await harness.outputs(of: status).literals["o0"]?.intValue == Int64((children - 1) * (children - 1)))
    let node = try #require(status.nodes["n0"])
    #expect(node.children.count == children)
    #expect(node.children.values.allSatisfy { $0.nodePhase == .succeeded })
    let rounds = commits.nodeEvents(of: key)
    #expect(rounds.count >= 5, "\(rounds)")
    #expect(rounds.allSatisfy { $0 <= 10 + 3 }, "\(rounds)")
  }
}
