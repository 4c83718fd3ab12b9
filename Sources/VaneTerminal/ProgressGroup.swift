public import FlyteIDL

/// Where a node stands, as the progress display counts it: Flyte's node phases folded into
/// the groups a person scanning a run cares about.
public enum ProgressGroup: Int, Sendable, CaseIterable, Comparable {
  case failed
  case running
  case queued
  case succeeded
  case skipped
  case aborted

  public init(_ phase: Flyteidl_Core_NodeExecution.Phase) {
    switch phase {
    case .undefined, .queued, .UNRECOGNIZED: self = .queued
    case .running, .failing, .dynamicRunning: self = .running
    case .succeeded, .recovered: self = .succeeded
    case .failed, .timedOut: self = .failed
    case .skipped: self = .skipped
    case .aborted: self = .aborted
    }
  }

  /// The word the summary line uses.
  public var word: String {
    switch self {
    case .failed: "failed"
    case .running: "running"
    case .queued: "queued"
    case .succeeded: "succeeded"
    case .skipped: "skipped"
    case .aborted: "aborted"
    }
  }

  /// Whether a node in this group has ended (its duration stops growing).
  public var isFinal: Bool {
    switch self {
    case .failed, .succeeded, .skipped, .aborted: true
    case .running, .queued: false
    }
  }

  public static func < (lhs: ProgressGroup, rhs: ProgressGroup) -> Bool { lhs.rawValue < rhs.rawValue }
}
