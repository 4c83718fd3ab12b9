/// The stored phase of a workflow execution, with Flyte's numbers.
///
///     ready ─▶ running ─▶ succeeding ─▶ success
///                 │
///                 ├─▶ failing ─▶ (handlingFailureNode ─▶) failed
///                 └─▶ aborted   (on request, from any non-terminal phase)
public enum WorkflowPhase: Int32, Sendable, CaseIterable, CustomStringConvertible {
  case ready = 0
  case running = 1
  case succeeding = 2
  case success = 3
  case failing = 4
  case failed = 5
  case aborted = 6
  case handlingFailureNode = 7

  /// Creates the phase stored as `rawValue`, treating unknown numbers as ready.
  public init(stored rawValue: Int32) {
    self = WorkflowPhase(rawValue: rawValue) ?? .ready
  }

  /// No further transition happens from a terminal phase.
  public var isTerminal: Bool {
    switch self {
    case .success, .failed, .aborted: true
    default: false
    }
  }

  public var description: String {
    switch self {
    case .ready: "Ready"
    case .running: "Running"
    case .succeeding: "Succeeding"
    case .success: "Succeeded"
    case .failing: "Failing"
    case .failed: "Failed"
    case .aborted: "Aborted"
    case .handlingFailureNode: "HandlingFailureNode"
    }
  }
}
