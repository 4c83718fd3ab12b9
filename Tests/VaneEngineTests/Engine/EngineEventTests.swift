import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneEngine
import VaneModel
import VaneStore
import VaneTesting

/// Events reach observers and the SQLite event log in the same order, and what is stored
/// survives reopening the database.
@Suite("Engine events")
struct EngineEventTests {
  @Test func everyTransitionIsRecordedInOrder() async throws {
    let harness = try EngineHarness()
    let spec = harness.spec(try Showcase.closure("showcase.basics.chain"), inputs: ["x": .int(2)], name: "events")
    let (key, status) = try await harness.execute(spec)
    #expect(status.workflowPhase == .success, "\(status.message)")

    let stored = try await harness.storedEvents(key)
    #expect(stored.map(\.sequence) == Array(1...Int64(stored.count)))
    let lines = try stored.map { try $0.line() }
    #expect(lines == harness.recorder.lines(of: key), "observers see what the log stores, in order")

    #expect(lines.starting(with: "wf ") == ["wf running", "wf succeeding", "wf succeeded"])
    #expect(lines.first == "wf running")
    #expect(lines.last == "wf succeeded")
    for node in ["n0", "n1", "n2"] {
      #expect(
        lines.starting(with: "node \(node) ") == [
          "node \(node) queued", "node \(node) running", "node \(node) succeeded",
        ])
      #expect(lines.starting(with: "task \(node)#") == ["task \(node)#0 running", "task \(node)#0 succeeded"])
    }
    // A node starts only after its upstream node succeeded.
    let n0Done = try #require(lines.firstIndex(of: "node n0 succeeded"))
    let n1Queued = try #require(lines.firstIndex(of: "node n1 queued"))
    #expect(n0Done < n1Queued)
  }

  @Test func storedEventsCarryFlytesFields() async throws {
    let harness = try EngineHarness()
    let spec = harness.spec(try Showcase.closure("showcase.basics.chain"), inputs: ["x": .int(2)], name: "fields")
    let (key, status) = try await harness.execute(spec)
    let stored = try await harness.storedEvents(key)
    var nodeEvents: [Flyteidl_Event_NodeExecutionEvent] = []
    var taskEvents: [Flyteidl_Event_TaskExecutionEvent] = []
    for event in stored {
      switch event.kind {
      case .workflow:
        let decoded = try Flyteidl_Event_WorkflowExecutionEvent(serializedBytes: event.payload)
        #expect(Int32(decoded.phase.rawValue) == event.phase)
        #expect(decoded.executionID == spec.id)
        if decoded.phase == .succeeded { #expect(decoded.outputUri == status.outputsUri) }
      case .node:
        let decoded = try Flyteidl_Event_NodeExecutionEvent(serializedBytes: event.payload)
        #expect(Int32(decoded.phase.rawValue) == event.phase)
        nodeEvents.append(decoded)
      case .task:
        let decoded = try Flyteidl_Event_TaskExecutionEvent(serializedBytes: event.payload)
        #expect(Int32(decoded.phase.rawValue) == event.phase)
        taskEvents.append(decoded)
      }
    }
    let succeeded = try #require(nodeEvents.first { $0.id.nodeID == "n1" && $0.phase == .succeeded })
    #expect(succeeded.id.executionID == spec.id)
    #expect(succeeded.specNodeID == "n1")
    #expect(succeeded.outputUri == status.nodes["n1"]?.outputsUri)
    #expect(succeeded.inputUri == (status.nodes["n1"]?.dataDir ?? "") + "/inputs.pb")
    #expect(succeeded.targetEntity.name == "showcase.basics.double")
    let task = try #require(taskEvents.first { $0.parentNodeExecutionID.nodeID == "n2" && $0.phase == .succeeded })
    #expect(task.taskID.name == "showcase.basics.add")
    #expect(task.retryAttempt == 0)
    #expect(task.outputUri == status.nodes["n2"]?.outputsUri)
    #expect(task.producerID == "vane")
  }

  @Test func statusAndEventsSurviveReopeningTheStore() async throws {
    let harness = try EngineHarness()
    let spec = harness.spec(try Showcase.closure("showcase.basics.chain"), inputs: ["x": .int(2)], name: "reopen")
    let (key, status) = try await harness.execute(spec)
    let events = try await harness.storedEvents(key)
    harness.store.close()

    let reopened = try SQLiteResourceStore(path: harness.directory.appendingPathComponent("vane.db").path)
    defer { reopened.close() }
    let stored = try #require(try await reopened.getStatus(key))
    #expect(stored.metadata.isTerminal)
    #expect(try stored.executionStatus() == status)
    let resource = try #require(try await reopened.get(key))
    #expect(try Vane_ExecutionSpec(serializedBytes: resource.spec) == spec)
    #expect(try await reopened.eventLog.events(for: key, after: 0, limit: 10_000) == events)
    #expect(try await reopened.activeKeys().isEmpty)
  }
}
