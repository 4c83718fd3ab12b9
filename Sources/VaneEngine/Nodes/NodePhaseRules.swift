import FlyteIDL
import VaneData
public import VaneModel

/// The pure rules that turn a handler's verdict into the stored node phase.
///
///     waiting ──────────────▶ queued
///     running ──────────────▶ running      (dynamicRunning for a dynamic node's subgraph)
///     success ──────────────▶ succeeding   (finalize, then succeeded)
///     retryable failure ──┬─▶ retryable    (budget left: a new attempt next)
///                         └─▶ failing      (budget spent: finalize, then failed)
///     failure ──────────────▶ failing
///
/// User errors count against the node's `retries`; system errors against a separate budget.
public enum NodePhaseRules {
  /// How many more attempts a node may make after failures.
  public struct Budget: Sendable, Equatable {
    /// Retries for user errors (`retries` in the task or node metadata).
    public var userRetries: UInt32
    /// Retries for system errors (Flyte's default is 3).
    public var systemRetries: UInt32

    public init(userRetries: UInt32, systemRetries: UInt32) {
      self.userRetries = userRetries
      self.systemRetries = systemRetries
    }
  }

  /// The phase `verdict` leads to, updating failure counts and the error in `status`.
  public static func apply(_ verdict: HandlerVerdict, to status: inout Vane_NodeStatus, budget: Budget) -> NodePhase {
    switch verdict.kind {
    case .waiting:
      return .queued
    case .running:
      return verdict.isDynamic ? .dynamicRunning : .running
    case .success(let outputs):
      status.outputsUri = outputs?.rawValue ?? ""
      status.clearError()
      return .succeeding
    case .failure(let error):
      status.error = error
      return .failing
    case .retryableFailure(let error):
      status.error = error
      if error.kind == .system {
        status.systemFailures = status.systemFailures == .max ? .max : status.systemFailures + 1
        return status.systemFailures > budget.systemRetries ? .failing : .retryable
      }
      let userFailures = status.attempts - min(status.systemFailures, status.attempts)
      return userFailures > budget.userRetries ? .failing : .retryable
    }
  }
}
