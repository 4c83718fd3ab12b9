import FlyteIDL
import VaneData
import VaneModel

/// Task execution events: one per change of the task phase of an attempt.
enum TaskEvents {
  static func record(
    _ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, plugin: PluginTransition, verdict: HandlerVerdict,
    round: RoundContext
  ) {
    let phase = taskPhase(plugin.phase, verdict: verdict)
    // `task_phase` of the status is updated by the caller through `visit`; events are emitted
    // only on change, and the check reads the stored value.
    guard Int32(phase.rawValue) != visit.status.taskPhase else { return }
    var event = Flyteidl_Event_TaskExecutionEvent()
    event.taskID = task.id
    event.parentNodeExecutionID.nodeID = visit.uniqueID
    event.parentNodeExecutionID.executionID = round.executionID
    event.retryAttempt = visit.attempt
    event.phase = phase
    event.producerID = round.environment.producerID
    event.logs = plugin.logs
    event.occurredAt = round.timestamp
    event.reportedAt = round.timestamp
    event.taskType = task.type
    event.reason = plugin.reason
    event.eventVersion = 1
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
        phaseName: name(phase), detail: verdict.reason, occurredAt: round.now))
  }

  static func taskPhase(_ phase: PluginTransition.Phase, verdict: HandlerVerdict) -> Flyteidl_Core_TaskExecution.Phase {
    switch verdict.kind {
    case .success: return .succeeded
    case .failure: return .failed
    case .retryableFailure: return .retryableFailed
    case .waiting: return phase == .queued ? .queued : .waitingForResources
    case .running: return .running
    }
  }

  static func name(_ phase: Flyteidl_Core_TaskExecution.Phase) -> String {
    switch phase {
    case .undefined: "Undefined"
    case .queued: "Queued"
    case .running: "Running"
    case .succeeded: "Succeeded"
    case .aborted: "Aborted"
    case .failed: "Failed"
    case .initializing: "Initializing"
    case .waitingForResources: "WaitingForResources"
    case .retryableFailed: "RetryableFailed"
    case .UNRECOGNIZED(let value): "Phase\(value)"
    }
  }
}
