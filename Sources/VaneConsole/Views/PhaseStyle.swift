public import VaneModel

/// How the console shows a phase: one of a few colour groups (the CSS class `phase-<group>`)
/// and a name. Node and workflow phases map onto the same groups so a running node and a
/// running execution look alike.
public enum PhaseStyle: String, Sendable, CaseIterable, Comparable {
  case pending
  case running
  case succeeded
  case failed
  case aborted
  case skipped

  /// The CSS class of the group.
  public var cssClass: String { "phase-" + rawValue }

  /// The colour group of a node phase.
  public init(_ phase: NodePhase) {
    switch phase {
    case .notYetStarted, .queued: self = .pending
    case .running, .dynamicRunning, .succeeding, .failing, .retryable, .timingOut: self = .running
    case .succeeded, .recovered: self = .succeeded
    case .failed, .timedOut: self = .failed
    case .skipped: self = .skipped
    case .aborted: self = .aborted
    }
  }

  /// The colour group of a workflow phase.
  public init(_ phase: WorkflowPhase) {
    switch phase {
    case .ready: self = .pending
    case .running, .succeeding, .failing, .handlingFailureNode: self = .running
    case .success: self = .succeeded
    case .failed: self = .failed
    case .aborted: self = .aborted
    }
  }

  /// Which group a summary of several phases shows: failures first, then work in progress,
  /// then what is waiting, and only then the finished states.
  static let precedence: [PhaseStyle] = [.failed, .running, .pending, .aborted, .succeeded, .skipped]

  public static func < (lhs: PhaseStyle, rhs: PhaseStyle) -> Bool {
    precedence.firstIndex(of: lhs)! < precedence.firstIndex(of: rhs)!
  }

  /// The phase name people read for a node phase (`Running`, `Timed out`).
  public static func name(_ phase: NodePhase) -> String {
    switch phase {
    case .notYetStarted: "Not started"
    case .dynamicRunning: "Running (dynamic)"
    case .timingOut: "Timing out"
    case .timedOut: "Timed out"
    default: phase.description
    }
  }
}
