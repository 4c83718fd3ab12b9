import FlyteIDL
import Foundation
import Synchronization
import VaneEngine
import VaneStore

/// Records every node event the engine reports (with its own timestamp and the moment the
/// observer saw it) and signals once every expected execution has ended.
final class EventTimeline: EngineObserver {
  struct NodeRecord: Sendable {
    var execution: String
    var parent: String
    var specNode: String
    var phase: Flyteidl_Core_NodeExecution.Phase
    /// The event's `occurred_at`, seconds since 1970.
    var occurredAt: Double
    /// When the observer received it, seconds since 1970.
    var observedAt: Double
  }

  struct State: Sendable {
    var nodes: [NodeRecord] = []
    var taskEvents = 0
    var workflowEvents = 0
    var ended: Set<String> = []
    var failures: [String: String] = [:]
    var firstEventAt: Double?
  }

  private let state = Mutex(State())
  private let expected: Int
  private let continuation: AsyncStream<Void>.Continuation
  /// Yields once when all expected executions have ended.
  let allEnded: AsyncStream<Void>

  init(expectedExecutions: Int) {
    expected = expectedExecutions
    (allEnded, continuation) = AsyncStream<Void>.makeStream()
  }

  func engine(recorded events: [EngineEvent]) {
    let now = Date().timeIntervalSince1970
    let done = state.withLock { state -> Bool in
      for event in events {
        switch event.message {
        case .node(let node):
          state.nodes.append(
            NodeRecord(
              execution: event.key.name, parent: node.parentNodeMetadata.nodeID, specNode: node.specNodeID,
              phase: node.phase, occurredAt: event.occurredAt.timeIntervalSince1970, observedAt: now))
        case .task:
          state.taskEvents += 1
        case .workflow(let workflow):
          state.workflowEvents += 1
          switch workflow.phase {
          case .succeeded, .failed, .aborted, .timedOut:
            if state.ended.insert(event.key.name).inserted, workflow.phase != .succeeded {
              state.failures[event.key.name] = workflow.error.message.isEmpty ? event.detail : workflow.error.message
            }
          default: break
          }
        }
      }
      return state.ended.count >= expected
    }
    if done { continuation.yield() }
  }

  var snapshot: State { state.withLock { $0 } }
}
