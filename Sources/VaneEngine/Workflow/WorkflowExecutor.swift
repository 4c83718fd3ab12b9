import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneData
import VaneModel

/// Drives one execution's workflow phase for one round:
///
///     ready ─▶ running ─▶ succeeding ─▶ success      (outputs written first)
///                 ├─────▶ failing ───▶ failed         (running nodes stopped first)
///                 │          └─▶ handlingFailureNode ─▶ failed   (runs the failure node first)
///                 ├─────▶ aborted                     (on an abort request)
///                 └─────▶ failing (past the engine's workflow-active-deadline, see +Deadline)
///
/// As in Flyte, an aborted workflow has no error: its reason is the status's `abort_reason`
/// and message, and its nodes that were stopped end Aborted with the error `NodeAborted`.
///
/// Both terminal phases go through their "-ing" phase so the work before them (writing
/// outputs, stopping nodes) is done before the terminal phase is stored.
struct WorkflowExecutor: Sendable {
  let nodes: NodeExecutor

  func round(_ status: inout Vane_ExecutionStatus, abortReason: String?, round: RoundContext) async {
    var phase = WorkflowPhase(stored: status.phase)
    guard !phase.isTerminal else { return }
    let scope = NodeScope(
      graph: round.plan.primary, plan: round.plan, inputs: round.spec.inputs, parent: nil,
      executionDirectory: round.executionDirectory)
    if let abortReason {
      await nodes.abort(scope, statuses: &status.nodes, reason: abortReason, round: round)
      await abortFailureNode(&status, scope: scope, reason: abortReason, round: round)
      status.abortReason = abortReason
      transition(&status, to: .aborted, round: round)
      return
    }
    if phase == .ready {
      status.startedAt = round.timestamp
      transition(&status, to: .running, round: round)
      phase = .running
    }
    if phase == .running, let error = Self.deadlineError(status, round: round) {
      await timeOut(&status, error: error, scope: scope, round: round)
      return
    }
    if phase == .running {
      round.executableRunning = nodes.activeExecutableCount(scope, statuses: status.nodes, plan: round.plan)
      switch await nodes.execute(scope, statuses: &status.nodes, round: round) {
      case .running:
        return
      case .succeeded(let outputs):
        let uri = round.executionDirectory.appending(WorkflowGraph.endNode, "data", "0", DataFileName.outputs)
        do {
          try await round.write(outputs, to: uri)
          status.outputsUri = uri.rawValue
          phase = .succeeding
        } catch {
          status.error = .make(.writeOutputsFailed, message: "workflow outputs: \(error)", kind: .system)
          phase = .failing
        }
      case .failed(let error):
        status.error = error
        phase = .failing
      }
      transition(&status, to: phase, round: round)
    }
    switch phase {
    case .succeeding: transition(&status, to: .success, round: round)
    case .failing, .handlingFailureNode: await finishFailing(&status, from: phase, scope: scope, round: round)
    default: break
    }
  }

  func transition(_ status: inout Vane_ExecutionStatus, to phase: WorkflowPhase, round: RoundContext) {
    status.phase = phase.rawValue
    if phase.isTerminal { status.stoppedAt = round.timestamp }
    switch phase {
    case .success: status.message = ""
    case .aborted: status.message = status.abortReason
    default: status.message = status.error.message
    }
    var event = Flyteidl_Event_WorkflowExecutionEvent()
    event.executionID = round.executionID
    event.producerID = round.producerID
    event.phase = EventPhases.workflow(phase)
    event.occurredAt = round.timestamp
    if phase == .success {
      event.outputUri = status.outputsUri
    } else if phase == .failed {
      event.error = status.error
    }
    round.record(
      EngineEvent(
        key: round.key, message: .workflow(event), nodeID: nil, nodeName: round.plan.primary.template.id.name,
        phaseName: phase.description, detail: status.message, occurredAt: round.now))
  }
}
