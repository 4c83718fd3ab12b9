import FlyteIDL
import Testing
import VaneEngine
import VaneModel
import VaneStore
import VaneTesting

/// An engine that dies mid-execution is replaced by a new one over the same SQLite file and
/// data directory; the new engine finishes the execution without starting any attempt twice.
@Suite("Engine restart")
struct EngineRestartTests {
  @Test(arguments: [true, false])
  func aNewEngineFinishesWhatTheOldOneStarted(poke: Bool) async throws {
    let first = try EngineHarness()
    first.plugin.script("square", ShowcaseTasks.square.holding())
    let spec = first.spec(try Showcase.closure("showcase.basics.chain"), inputs: ["x": .int(2)], name: "restart")
    let key = try await first.engine.create(spec)
    try await first.runningThenCancelled {
      _ = try await first.waitForStatus(key, "n0 to run") { $0.nodes["n0"]?.nodePhase == .running }
    }
    first.store.close()
    #expect(first.plugin.isRunning("n0"), "the task outlives the engine")
    first.plugin.release("n0")

    let second = try EngineHarness(reopening: first)
    let status = try await second.running {
      if poke { second.engine.wakeUp(key) }  // otherwise the informer's first resync finds it
      return try await second.waitForEnd(key)
    }
    #expect(status.workflowPhase == .success, "\(status.message)")
    #expect(try await second.outputs(of: status).literals["o0"]?.intValue == 9)
    #expect(status.nodes["n0"]?.attempts == 1)
    let attempts = second.plugin.attempts
    #expect(attempts.count == 3)
    for (id, attempt) in attempts {
      #expect(attempt.starts == 1, "attempt \(id) was started \(attempt.starts) times")
      #expect(attempt.finalizes == 1, "attempt \(id) was finalized \(attempt.finalizes) times")
    }

    let lines = try await second.storedEvents(key).map { try $0.line() }
    #expect(lines.starting(with: "node n0 ") == ["node n0 queued", "node n0 running", "node n0 succeeded"])
    #expect(lines.starting(with: "wf ") == ["wf running", "wf succeeding", "wf succeeded"])
    second.store.close()
  }
}
