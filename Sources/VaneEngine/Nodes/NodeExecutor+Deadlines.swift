import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneModel

/// The node's terminal deadline. A node with a `timeout` (NodeMetadata; flytekit copies a
/// task's `timeout=` there) has two limits:
///
/// - each attempt may run `timeout`, counted from when the attempt started; past it the
///   attempt is stopped and fails with a retryable user error `TimeoutExpired` (see
///   `handleOrTimeOut`);
/// - the node as a whole may take `timeout × (retries + 1)`, counted from when it was first
///   queued (waiting for resources and retries included); past it the node is stopped and ends
///   TimedOut (9 → 10) with the user error `Timeout` — no more attempts, whatever the budget.
///
/// FlytePropeller uses `2 × timeout` as the node's deadline, which cuts nodes with more than
/// one retry short (flyteorg/flyte#5368: `retries=10` gives two attempts); Vane gives every
/// attempt the budget allows its full timeout and keeps the deadline as the bound on the total.
extension NodeExecutor {
  /// The error to end the node with when its terminal deadline has passed; otherwise nil,
  /// and the round is asked to check again when the deadline comes.
  func terminalDeadlineError(_ visit: NodeVisit, round: RoundContext) -> Flyteidl_Core_ExecutionError? {
    guard let limit = Self.terminalDeadline(of: visit.node, plan: visit.scope.plan), visit.status.hasQueuedAt else {
      return nil
    }
    let elapsed = WallTime(visit.status.queuedAt).duration(to: round.instant)
    guard elapsed < limit else {
      let message =
        "node \(visit.node.id) ran past its deadline of \(limit.secondsText) "
        + "(timeout × attempts allowed), counted from when it was queued; attempt \(visit.attempt) was stopped"
      return .make(.timeout, message: message, kind: .user)
    }
    round.wakeUp(after: limit - elapsed)
    return nil
  }

  /// `timeout × (retries + 1)` (both clamped by `SpecLimits`), or nil for a node without a timeout.
  static func terminalDeadline(of node: Flyteidl_Core_Node, plan: ExecutionPlan) -> Duration? {
    guard node.metadata.hasTimeout else { return nil }
    let timeout = SpecLimits.duration(node.metadata.timeout)
    guard timeout > .zero else { return nil }
    var retries: UInt32 = 0
    if node.metadata.hasRetries {
      retries = node.metadata.retries.retries
    } else if case .taskNode(let taskNode)? = node.target, let task = plan.task(taskNode.referenceID) {
      retries = task.metadata.retries.retries
    }
    // At most 100 years × 10,001 attempts: far inside `Duration`'s range (see `SpecLimits`).
    return timeout * SpecLimits.attempts(retries: retries)
  }
}
