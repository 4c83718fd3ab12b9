import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneData
import VaneModel

extension NodeExecutor {
  /// Stores `phase` with its timestamps and records a node event when the phase Flyte reports
  /// changes.
  func transition(_ visit: inout NodeVisit, to phase: NodePhase, reason: String, round: RoundContext) {
    let old = NodePhase(stored: visit.status.phase)
    visit.status.phase = phase.rawValue
    visit.status.message = reason
    switch phase {
    case .queued where !visit.status.hasQueuedAt:
      visit.status.queuedAt = round.timestamp
    case .running where !visit.status.hasStartedAt:
      visit.status.startedAt = round.timestamp
    default:
      break
    }
    if phase.isTerminal { visit.status.stoppedAt = round.timestamp }
    guard EventPhases.node(old) != EventPhases.node(phase) || old == .notYetStarted else { return }
    // A dynamic node's subgraph finished: no step back to Running before Succeeded.
    if old == .dynamicRunning && phase == .succeeding { return }
    round.record(nodeEvent(visit, phase: phase, reason: reason, round: round))
  }

  private func nodeEvent(_ visit: NodeVisit, phase: NodePhase, reason: String, round: RoundContext) -> EngineEvent {
    var event = Flyteidl_Event_NodeExecutionEvent()
    event.id.nodeID = visit.uniqueID
    event.id.executionID = round.executionID
    event.producerID = round.producerID
    event.phase = EventPhases.node(phase)
    event.occurredAt = round.timestamp
    event.reportedAt = round.timestamp
    event.specNodeID = visit.node.id
    event.nodeName = visit.node.metadata.name
    event.eventVersion = 2
    if !visit.status.dataDir.isEmpty {
      event.inputUri = DataURI(visit.status.dataDir).appending(DataFileName.inputs).rawValue
    }
    if phase.isSuccess, !visit.status.outputsUri.isEmpty {
      event.outputUri = visit.status.outputsUri
    } else if phase.isFailure || phase == .aborted {
      event.error = visit.status.error
    }
    if let parent = visit.scope.parent {
      event.parentNodeMetadata.nodeID = parent.uniqueID
      // As Flyte: the parent's current attempt; top-level nodes have none.
      event.retryGroup = String(parent.attempt)
    }
    switch visit.node.target {
    case .taskNode(let task)?:
      event.targetEntity = task.referenceID
      if !visit.status.dynamicClosureUri.isEmpty {
        event.isDynamic = true
        event.isParent = true
        event.taskNodeMetadata.dynamicWorkflow.dynamicJobSpecUri =
          DataURI(visit.status.outputDir).appending(DataFileName.futures).rawValue
      }
      event.taskNodeMetadata.cacheStatus =
        Flyteidl_Core_CatalogCacheStatus(rawValue: Int(visit.status.cacheStatus)) ?? .cacheDisabled
      // flytekit declares `generates_deck` for `enable_deck=True` and writes `deck.html` beside
      // the outputs; as FlytePropeller, the ended node's event points at it (the data proxy
      // links it, and says NOT_FOUND while it is not there).
      if phase.isTerminal, !visit.status.outputDir.isEmpty,
        visit.scope.plan.task(task.referenceID)?.metadata.generatesDeck.value == true
      {
        event.deckUri = DataURI(visit.status.outputDir).appending(DataFileName.deck).rawValue
      }
    case .workflowNode(let workflow)?:
      event.isParent = true
      switch workflow.reference {
      case .subWorkflowRef(let id)?: event.targetEntity = id
      case .launchplanRef(let id)?:
        event.targetEntity = id
        if !visit.status.childExecution.isEmpty {
          event.workflowNodeMetadata.executionID = LaunchPlanNodeHandler.childID(
            visit.status.childExecution, round: round)
        }
      case nil: break
      }
    case .branchNode?:
      event.isParent = true
    case .arrayNode?:
      event.isArray = true
      event.isParent = true
    default:
      break
    }
    return EngineEvent(
      key: round.key, message: .node(event), nodeID: visit.uniqueID, nodeName: visit.displayName,
      phaseName: phase.description, detail: reason, occurredAt: round.now)
  }
}
