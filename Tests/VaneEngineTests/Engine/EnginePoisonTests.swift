import FlyteIDL
import Foundation
import Testing
import VaneData
import VaneEngine
import VaneModel
import VaneStore
import VaneTesting

/// One execution must never wedge the engine (issue #9, repros 1 and 7): an execution whose
/// node data cannot be written (a folder name too long for the file system, as a 5,000-character
/// project once made) fails only its own rounds, and after `maxRoundFailures` of them in a row
/// is failed with `RoundFailuresExceeded` — also when it is found in the store after a restart.
@Suite("Engine poison executions")
struct EnginePoisonTests {
  @Test func anExecutionWhoseDataCannotBeWrittenFailsAloneAlsoAfterARestart() async throws {
    let first = try EngineHarness()
    let closure = try Showcase.closure("showcase.basics.chain")
    var poison = first.spec(closure, inputs: ["x": .int(2)], name: "poison")
    poison.dataDir = first.layout.executionDirectory(poison.id).appending(String(repeating: "p", count: 5000)).rawValue
    let healthy = first.spec(closure, inputs: ["x": .int(3)], name: "healthy")
    // Stored by one engine, found by the next one: as after a restart.
    let poisonKey = try await first.engine.create(poison)
    let healthyKey = try await first.engine.create(healthy)

    let second = try EngineHarness(reopening: first, maxRoundFailures: 3)
    let (good, bad) = try await second.running {
      second.engine.wakeUp(poisonKey)
      second.engine.wakeUp(healthyKey)
      return (try await second.waitForEnd(healthyKey), try await second.waitForEnd(poisonKey))
    }
    #expect(good.workflowPhase == .success, "\(good.message)")
    #expect(try await second.outputs(of: good).literals["o0"] != nil)
    #expect(bad.workflowPhase == .failed)
    #expect(bad.error.code == NodeErrorCode.roundFailuresExceeded.rawValue)
    #expect(bad.error.message.contains("failed 3 rounds"), "\(bad.error.message)")
    #expect(bad.error.message.contains("File name too long"), "\(bad.error.message)")
    let events = try await second.storedEvents(poisonKey)
    #expect(
      events.contains {
        $0.kind == .workflow && $0.phase == Int32(Flyteidl_Core_WorkflowExecution.Phase.failed.rawValue)
      }, "an event too")
  }
}
