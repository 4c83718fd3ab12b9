import FlyteIDL
import VaneData
import VaneModel

/// Task execution events, for task nodes and array nodes alike: `event` builds what they
/// share (the attempt, phase, producer, times, task type, reason, inputs and the outcome),
/// each caller adds its own part (a task node's logs; an array node's items), and `record`
/// hands the event to the round.
///
/// A task node records one event per change of its attempt's task phase; an array node one
/// per visit in which some item's task phase changed (see `ArrayNodeHandler`).
enum TaskEvents {
  /// The event of `visit`'s current attempt reaching `phase`, with `verdict`'s outcome.
  static func event(
    _ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, phase: Flyteidl_Core_TaskExecution.Phase, reason: String,
    verdict: HandlerVerdict, round: RoundContext
  ) -> Flyteidl_Event_TaskExecutionEvent {
    var event = Flyteidl_Event_TaskExecutionEvent()
    event.taskID = task.id
    event.parentNodeExecutionID.nodeID = visit.uniqueID
    event.parentNodeExecutionID.executionID = round.executionID
    event.retryAttempt = visit.attempt
    event.phase = phase
    event.producerID = round.producerID
    event.occurredAt = round.timestamp
    event.reportedAt = round.timestamp
    event.taskType = task.type
    event.reason = reason
    event.eventVersion = 1
    event.inputUri = visit.paths(round.layout).inputs.rawValue
    switch verdict.kind {
    case .success(let outputs?): event.outputUri = outputs.rawValue
    case .failure(let error), .retryableFailure(let error): event.error = error
    default: break
    }
    return event
  }

  /// Records `event` in the round, with its summary for progress output.
  static func record(
    _ event: Flyteidl_Event_TaskExecutionEvent, _ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate,
    verdict: HandlerVerdict, round: RoundContext
  ) {
    round.record(
      EngineEvent(
        key: round.key, message: .task(event), nodeID: visit.uniqueID, nodeName: task.id.name,
        phaseName: name(event.phase), detail: verdict.reason, occurredAt: round.now))
  }

  /// A task node's event for what the plugin said of its attempt; nothing when the task phase
  /// stored in `visit` did not change (the caller stores the new one afterwards).
  static func recordAttempt(
    _ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, plugin: PluginTransition, verdict: HandlerVerdict,
    round: RoundContext
  ) {
    let phase = taskPhase(plugin.phase, verdict: verdict)
    guard Int32(phase.rawValue) != visit.status.taskPhase else { return }
    var event = event(visit, task: task, phase: phase, reason: plugin.reason, verdict: verdict, round: round)
    event.logs = plugin.logs
    record(event, visit, task: task, verdict: verdict, round: round)
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
