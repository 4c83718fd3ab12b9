public import FlyteIDL
public import Foundation
public import VaneStore

/// One workflow, node or task phase change, as the engine records it: the flyteidl event
/// message that the admin side serves, plus a short summary for progress output.
public struct EngineEvent: Sendable {
  public enum Message: Sendable {
    case workflow(Flyteidl_Event_WorkflowExecutionEvent)
    case node(Flyteidl_Event_NodeExecutionEvent)
    case task(Flyteidl_Event_TaskExecutionEvent)
  }

  /// The execution it belongs to.
  public let key: ResourceKey
  public let message: Message
  /// The node's unique id within the execution (nil for workflow events).
  public let nodeID: String?
  /// The node's display name (the task or subworkflow it runs), for progress output.
  public let nodeName: String
  /// The phase's name, e.g. `Running`, `Succeeded`.
  public let phaseName: String
  /// A reason or error message, if any.
  public let detail: String
  public let occurredAt: Date

  public init(
    key: ResourceKey, message: Message, nodeID: String?, nodeName: String, phaseName: String, detail: String,
    occurredAt: Date
  ) {
    self.key = key
    self.message = message
    self.nodeID = nodeID
    self.nodeName = nodeName
    self.phaseName = phaseName
    self.detail = detail
    self.occurredAt = occurredAt
  }

  /// The event as the store keeps it: kind, Flyte's phase number for the kind, encoded message.
  func stored() throws -> NewExecutionEvent {
    switch message {
    case .workflow(let event):
      return NewExecutionEvent(
        key: key, kind: .workflow, phase: Int32(event.phase.rawValue), occurredAt: occurredAt,
        payload: try event.deterministicBinary())
    case .node(let event):
      return NewExecutionEvent(
        key: key, kind: .node, phase: Int32(event.phase.rawValue), occurredAt: occurredAt,
        payload: try event.deterministicBinary())
    case .task(let event):
      return NewExecutionEvent(
        key: key, kind: .task, phase: Int32(event.phase.rawValue), occurredAt: occurredAt,
        payload: try event.deterministicBinary())
    }
  }
}

/// Receives the events of every round after its status was written, in order per execution.
/// Used by progress output and, later, the admin service.
public protocol EngineObserver: Sendable {
  func engine(recorded events: [EngineEvent])
}
