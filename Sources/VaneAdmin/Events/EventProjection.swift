import FlyteIDL
import Foundation
import SwiftProtobuf

/// Folds the engine's node and task events into FlyteAdmin's node and task execution
/// messages, as FlyteAdmin does when it receives them: the latest phase, the first creation
/// and start times, the duration once terminal, the outputs or error, the target metadata,
/// logs merged across events, reasons accumulated. Pure functions, applied in event order.
enum EventProjection {
  /// The node execution after `event`. Events after a terminal phase are ignored unless they
  /// are terminal too (a late Aborted cannot undo Succeeded).
  static func node(
    _ event: Flyteidl_Event_NodeExecutionEvent, onto existing: Flyteidl_Admin_NodeExecution?
  ) -> Flyteidl_Admin_NodeExecution {
    var node = existing ?? Flyteidl_Admin_NodeExecution()
    if existing == nil {
      node.id = event.id
      node.closure.createdAt = event.occurredAt
    } else if isTerminal(node.closure.phase) {
      return node
    }
    if !event.inputUri.isEmpty { node.inputUri = event.inputUri }
    node.closure.phase = event.phase
    node.closure.updatedAt = event.occurredAt
    if event.phase == .running || event.phase == .dynamicRunning, !node.closure.hasStartedAt {
      node.closure.startedAt = event.occurredAt
    }
    if isTerminal(event.phase) {
      let start = node.closure.hasStartedAt ? node.closure.startedAt : node.closure.createdAt
      node.closure.duration = duration(from: start, to: event.occurredAt)
    }
    switch event.outputResult {
    case .outputUri(let uri)?: node.closure.outputUri = uri
    case .error(let error)?: node.closure.error = error
    case .outputData(let data)?: node.closure.outputData = data
    case nil: break
    }
    switch event.targetMetadata {
    case .workflowNodeMetadata(let workflow)?:
      node.closure.workflowNodeMetadata.executionID = workflow.executionID
    case .taskNodeMetadata(let task)?:
      var metadata = Flyteidl_Admin_TaskNodeMetadata()
      metadata.cacheStatus = task.cacheStatus
      if task.hasCatalogKey { metadata.catalogKey = task.catalogKey }
      metadata.checkpointUri = task.checkpointUri
      node.closure.taskNodeMetadata = metadata
      if !task.dynamicWorkflow.dynamicJobSpecUri.isEmpty {
        node.closure.dynamicJobSpecUri = task.dynamicWorkflow.dynamicJobSpecUri
      }
    case nil: break
    }
    if !event.deckUri.isEmpty { node.closure.deckUri = event.deckUri }
    node.metadata.retryGroup = event.retryGroup
    if !event.specNodeID.isEmpty { node.metadata.specNodeID = event.specNodeID }
    node.metadata.isDynamic = node.metadata.isDynamic || event.isDynamic
    node.metadata.isArray = node.metadata.isArray || event.isArray
    node.metadata.isParentNode = node.metadata.isParentNode || isParent(event)
    return node
  }

  /// Flyte's `is_parent_node`: set for subworkflow nodes and dynamic nodes that run a
  /// subgraph — the nodes whose children FlyteRemote lists and maps onto a workflow. Branch,
  /// launch-plan and array nodes are not parents there (FlyteRemote reads them otherwise),
  /// even though the engine marks them as having children.
  static func isParent(_ event: Flyteidl_Event_NodeExecutionEvent) -> Bool {
    guard event.isParent, !event.isArray else { return false }
    if event.isDynamic { return true }
    return event.hasTargetEntity && event.targetEntity.resourceType == .workflow
  }

  /// The task execution (one attempt) after `event`.
  static func task(
    _ event: Flyteidl_Event_TaskExecutionEvent, onto existing: Flyteidl_Admin_TaskExecution?
  ) -> Flyteidl_Admin_TaskExecution {
    var task = existing ?? Flyteidl_Admin_TaskExecution()
    if existing == nil {
      task.id.taskID = event.taskID
      task.id.nodeExecutionID = event.parentNodeExecutionID
      task.id.retryAttempt = event.retryAttempt
      task.closure.createdAt = event.occurredAt
    } else if isTerminal(task.closure.phase) && !isTerminal(event.phase) {
      return task
    }
    if !event.inputUri.isEmpty { task.inputUri = event.inputUri }
    task.closure.phase = event.phase
    task.closure.updatedAt = event.occurredAt
    if event.phase == .running, !task.closure.hasStartedAt { task.closure.startedAt = event.occurredAt }
    if isTerminal(event.phase) {
      let start = task.closure.hasStartedAt ? task.closure.startedAt : task.closure.createdAt
      task.closure.duration = duration(from: start, to: event.occurredAt)
    }
    for log in event.logs where !task.closure.logs.contains(where: { $0.name == log.name && $0.uri == log.uri }) {
      task.closure.logs.append(log)
    }
    if !event.reason.isEmpty {
      task.closure.reason = event.reason
      var reason = Flyteidl_Admin_Reason()
      reason.occurredAt = event.occurredAt
      reason.message = event.reason
      task.closure.reasons.append(reason)
    }
    if !event.taskType.isEmpty { task.closure.taskType = event.taskType }
    if event.hasMetadata { task.closure.metadata = event.metadata }
    if event.hasCustomInfo { task.closure.customInfo = event.customInfo }
    if event.hasLogContext { task.closure.logContext = event.logContext }
    task.closure.eventVersion = event.eventVersion
    switch event.outputResult {
    case .outputUri(let uri)?: task.closure.outputUri = uri
    case .error(let error)?: task.closure.error = error
    case .outputData(let data)?: task.closure.outputData = data
    case nil: break
    }
    return task
  }

  static func isTerminal(_ phase: Flyteidl_Core_NodeExecution.Phase) -> Bool {
    switch phase {
    case .succeeded, .failed, .skipped, .aborted, .timedOut, .recovered: true
    default: false
    }
  }

  static func isTerminal(_ phase: Flyteidl_Core_TaskExecution.Phase) -> Bool {
    switch phase {
    case .succeeded, .failed, .aborted, .retryableFailed: true
    default: false
    }
  }

  static func duration(
    from start: Google_Protobuf_Timestamp, to end: Google_Protobuf_Timestamp
  )
    -> Google_Protobuf_Duration
  {
    Google_Protobuf_Duration(rounding: max(0, end.date.timeIntervalSince(start.date)), rule: .toNearestOrAwayFromZero)
  }
}
