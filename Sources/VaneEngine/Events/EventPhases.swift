import FlyteIDL
import VaneModel

/// Flyte's event phases for Vane's stored phases.
enum EventPhases {
  static func node(_ phase: NodePhase) -> Flyteidl_Core_NodeExecution.Phase {
    switch phase {
    case .notYetStarted: .undefined
    case .queued: .queued
    case .running, .retryable, .succeeding: .running
    case .failing: .failing
    case .succeeded: .succeeded
    case .failed: .failed
    case .skipped: .skipped
    case .timingOut: .running
    case .timedOut: .timedOut
    case .dynamicRunning: .dynamicRunning
    case .recovered: .recovered
    case .aborted: .aborted
    }
  }

  static func workflow(_ phase: WorkflowPhase) -> Flyteidl_Core_WorkflowExecution.Phase {
    switch phase {
    case .ready: .queued
    case .running: .running
    case .succeeding: .succeeding
    case .success: .succeeded
    case .failing, .handlingFailureNode: .failing
    case .failed: .failed
    case .aborted: .aborted
    }
  }
}
