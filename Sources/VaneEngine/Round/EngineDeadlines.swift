import VaneModel

/// The engine's default deadlines, FlytePropeller's `node-config.default-deadlines`, for
/// nodes and executions that set none of their own. nil (Flyte's `0s`, its default since 1.3)
/// is no deadline.
///
/// - `nodeActive` (`node-active-deadline`): how long a node may take, counted from when it was
///   first queued, retries and waiting included; past it the node is stopped and ends TimedOut
///   with the user error `Timeout`. For nodes without a `timeout` (those with one get
///   `timeout × attempts allowed`, see `NodeExecutor.terminalDeadline`).
/// - `nodeExecution` (`node-execution-deadline`): how long one attempt may run; past it the
///   attempt is stopped and fails with the retryable user error `TimeoutExpired`. For nodes
///   without a `timeout` (with one, the timeout is the per-attempt limit).
/// - `workflowActive` (`workflow-active-deadline`): how long an execution may run, counted
///   from when it started; past it its running nodes are stopped and it fails with the user
///   error `Timeout`. FlytePropeller 1.16 dropped this setting without ever applying it, and
///   flyteidl 1.16 has no deadline on workflows or executions; Vane applies it.
public struct EngineDeadlines: Sendable, Hashable {
  public var nodeActive: Duration?
  public var nodeExecution: Duration?
  public var workflowActive: Duration?

  public init(nodeActive: Duration? = nil, nodeExecution: Duration? = nil, workflowActive: Duration? = nil) {
    self.nodeActive = nodeActive
    self.nodeExecution = nodeExecution
    self.workflowActive = workflowActive
  }

  /// The longest deadline accepted: 100 years, as `SpecLimits` bounds a node's timeout.
  public static let longest = Duration.seconds(100 * 365 * 24 * 3600)

  /// A deadline written as `250ms`, `90s`, `30m`, `48h` or a plain number of seconds; `0` (with
  /// or without a unit) is no deadline. Returns nil for that, and a message for text that is
  /// not a duration, negative, or longer than `longest`.
  public static func parse(_ text: String) -> Result<Duration?, DeadlineTextError> {
    guard let (value, scale) = DurationText.parse(text) else {
      return .failure(
        DeadlineTextError(message: "expected a duration such as 90s, 30m or 48h (0: none), got '\(text)'"))
    }
    guard value >= 0 else { return .failure(DeadlineTextError(message: "must not be negative, got '\(text)'")) }
    let seconds = value * scale
    guard seconds <= 100 * 365 * 24 * 3600 else {
      return .failure(DeadlineTextError(message: "must be at most 100 years, got '\(text)'"))
    }
    guard seconds > 0 else { return .success(nil) }
    return .success(.milliseconds(Int64((seconds * 1000).rounded(.up))))
  }
}
