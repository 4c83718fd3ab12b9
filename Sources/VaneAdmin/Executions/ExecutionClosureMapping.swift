import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneData
import VaneEngine
import VaneModel

/// Maps the engine's execution status onto `admin.ExecutionClosure`: Flyte's phase numbers,
/// start time and duration, the error, the abort cause, and where the outputs are.
struct ExecutionClosureMapping {
  func fill(_ closure: inout Flyteidl_Admin_ExecutionClosure, _ status: Vane_ExecutionStatus) {
    let phase = WorkflowPhase(rawValue: status.phase) ?? .ready
    closure.phase = Self.phase(phase, abortRequested: !status.abortReason.isEmpty)
    if status.hasStartedAt {
      closure.startedAt = status.startedAt
      let end = status.hasStoppedAt ? status.stoppedAt.date : (status.hasUpdatedAt ? status.updatedAt.date : Date())
      closure.duration = Google_Protobuf_Duration(
        rounding: max(0, end.timeIntervalSince(status.startedAt.date)), rule: .toNearestOrAwayFromZero)
    }
    if status.hasUpdatedAt { closure.updatedAt = status.updatedAt }
    switch phase {
    case .failed:
      closure.error = status.error
    case .aborted:
      closure.abortMetadata.cause = status.abortReason
    case .success where !status.outputsUri.isEmpty:
      // A reference, as FlyteAdmin sends it: flytekit cannot read inline `values` here and
      // fetches the outputs with GetExecutionData.
      closure.outputs.uri = status.outputsUri
    default:
      break
    }
  }

  /// Flyte's workflow execution phase for a Vane workflow phase.
  static func phase(_ phase: WorkflowPhase, abortRequested: Bool) -> Flyteidl_Core_WorkflowExecution.Phase {
    switch phase {
    case .ready: abortRequested ? .aborting : .queued
    case .running: abortRequested ? .aborting : .running
    case .succeeding: .succeeding
    case .success: .succeeded
    case .failing, .handlingFailureNode: .failing
    case .failed: .failed
    case .aborted: .aborted
    }
  }
}
