import FlyteIDL
import Foundation
import SwiftProtobuf
import Synchronization
import VaneEngine
import VaneStore
import VaneTesting

/// Keeps every event the engine reports to observers, in order.
final class EventRecorder: EngineObserver {
  private let events = Mutex<[EngineEvent]>([])

  func engine(recorded events: [EngineEvent]) {
    self.events.withLock { $0.append(contentsOf: events) }
  }

  /// The events of `key` so far.
  func events(of key: ResourceKey) -> [EngineEvent] {
    events.withLock { $0.filter { $0.key == key } }
  }

  /// True once a terminal workflow event of `key` was recorded.
  func ended(_ key: ResourceKey) -> Bool {
    events(of: key).contains { event in
      guard case .workflow(let workflow) = event.message else { return false }
      return [.succeeded, .failed, .aborted, .timedOut].contains(workflow.phase)
    }
  }

  /// Short lines (`wf running`, `node n0 queued`, `task n0#0 succeeded`) for `key`'s events.
  func lines(of key: ResourceKey) -> [String] {
    events(of: key).map(\.line)
  }
}

extension EngineEvent {
  /// `wf <phase>`, `node <unique id> <phase>` or `task <node unique id>#<attempt> <phase>`.
  var line: String {
    switch message {
    case .workflow(let event): "wf \(event.phase)"
    case .node(let event): "node \(event.id.nodeID) \(event.phase)"
    case .task(let event): "task \(event.parentNodeExecutionID.nodeID)#\(event.retryAttempt) \(event.phase)"
    }
  }
}

extension ExecutionEvent {
  /// The same short line as `EngineEvent.line`, decoded from the stored payload.
  func line() throws -> String {
    switch kind {
    case .workflow:
      let event = try Flyteidl_Event_WorkflowExecutionEvent(serializedBytes: payload)
      return "wf \(event.phase)"
    case .node:
      let event = try Flyteidl_Event_NodeExecutionEvent(serializedBytes: payload)
      return "node \(event.id.nodeID) \(event.phase)"
    case .task:
      let event = try Flyteidl_Event_TaskExecutionEvent(serializedBytes: payload)
      return "task \(event.parentNodeExecutionID.nodeID)#\(event.retryAttempt) \(event.phase)"
    }
  }
}

extension Array where Element == String {
  /// The lines that start with `prefix` (e.g. `node n0 `), in order.
  func starting(with prefix: String) -> [String] {
    filter { $0.hasPrefix(prefix) }
  }
}
