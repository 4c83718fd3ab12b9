import FlyteIDL
import VaneData
import VaneModel

/// The array node's task execution events. One event per visit in which some item's task phase
/// changed — never one per item: `metadata.external_resources` lists only the items that
/// changed in that visit (index, attempt, phase, logs), which Flyte's admin merges by index.
/// A 100,000-item array therefore costs a few dozen events, each as large as the items that
/// moved in its round.
enum ArrayEvents {
  static func record(
    _ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, phase: Flyteidl_Core_TaskExecution.Phase,
    changes: [Flyteidl_Event_ExternalResourceInfo], verdict: HandlerVerdict, round: RoundContext
  ) {
    var event = Flyteidl_Event_TaskExecutionEvent()
    event.taskID = task.id
    event.parentNodeExecutionID.nodeID = visit.uniqueID
    event.parentNodeExecutionID.executionID = round.executionID
    event.retryAttempt = visit.attempt
    event.phase = phase
    event.phaseVersion = visit.status.phaseVersion
    event.producerID = round.environment.producerID
    event.occurredAt = round.timestamp
    event.reportedAt = round.timestamp
    event.taskType = task.type
    event.reason = verdict.reason
    event.eventVersion = 1
    event.metadata.externalResources = changes
    event.metadata.pluginIdentifier = "array"
    let paths = visit.paths(round.layout)
    event.inputUri = paths.inputs.rawValue
    switch verdict.kind {
    case .success(let outputs?): event.outputUri = outputs.rawValue
    case .failure(let error), .retryableFailure(let error): event.error = error
    default: break
    }
    round.record(
      EngineEvent(
        key: round.key, message: .task(event), nodeID: visit.uniqueID, nodeName: task.id.name,
        phaseName: TaskEvents.name(phase), detail: verdict.reason, occurredAt: round.now))
  }
}
