/// The stored phase of a node, with Flyte's numbers so tools and people read them alike.
///
///     notYetStarted ─▶ queued ─▶ running ─▶ succeeding ─▶ succeeded
///                        ▲         │  └──▶ dynamicRunning ─┘
///                        │         ├──▶ retryable ─┐ (next attempt)
///                        └─────────┼───────────────┘
///                                  ├──▶ failing ─▶ failed
///                                  └──▶ timingOut ─▶ timedOut
///     notYetStarted ─▶ skipped (a branch leg not taken, or upstream skipped)
///     any non-terminal ─▶ aborted (the execution was aborted; Vane's own number, 13)
public enum NodePhase: Int32, Sendable, CaseIterable, CustomStringConvertible {
  case notYetStarted = 0
  case queued = 1
  case running = 2
  case failing = 3
  case succeeding = 4
  case succeeded = 5
  case failed = 6
  case skipped = 7
  case retryable = 8
  case timingOut = 9
  case timedOut = 10
  case dynamicRunning = 11
  case recovered = 12
  case aborted = 13

  /// Creates the phase stored as `rawValue`, treating unknown numbers as not started.
  public init(stored rawValue: Int32) {
    self = NodePhase(rawValue: rawValue) ?? .notYetStarted
  }

  /// No further transition happens from a terminal phase.
  public var isTerminal: Bool {
    switch self {
    case .succeeded, .failed, .skipped, .timedOut, .recovered, .aborted: true
    default: false
    }
  }

  /// The node produced its outputs (or reused recovered ones).
  public var isSuccess: Bool { self == .succeeded || self == .recovered }

  /// The node ended without outputs because of an error.
  public var isFailure: Bool { self == .failed || self == .timedOut }

  public var description: String {
    switch self {
    case .notYetStarted: "NotYetStarted"
    case .queued: "Queued"
    case .running: "Running"
    case .failing: "Failing"
    case .succeeding: "Succeeding"
    case .succeeded: "Succeeded"
    case .failed: "Failed"
    case .skipped: "Skipped"
    case .retryable: "Retryable"
    case .timingOut: "TimingOut"
    case .timedOut: "TimedOut"
    case .dynamicRunning: "DynamicRunning"
    case .recovered: "Recovered"
    case .aborted: "Aborted"
    }
  }
}
