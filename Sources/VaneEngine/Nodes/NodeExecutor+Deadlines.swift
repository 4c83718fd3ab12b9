import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneModel

/// The node's deadlines. A node with a `timeout` (NodeMetadata; flytekit copies a task's
/// `timeout=` there) has two limits:
///
/// - each attempt may run `timeout`, counted from when the attempt started; past it the
///   attempt is stopped and fails with a retryable user error `TimeoutExpired` (see
///   `handleOrTimeOut`);
/// - the node as a whole may take `timeout × (retries + 1)`, counted from when it was first
///   queued (waiting for resources and retries included); past it the node is stopped and ends
///   TimedOut (9 → 10) with the user error `Timeout` — no more attempts, whatever the budget.
///
/// A node without a `timeout` gets the engine's defaults instead, as FlytePropeller's
/// `default-deadlines`: `node-execution-deadline` per attempt and `node-active-deadline` for
/// the node (`EngineDeadlines`; none unless configured). Messages name the limit that ran out.
///
/// FlytePropeller uses `2 × timeout` as the node's deadline, which cuts nodes with more than
/// one retry short (flyteorg/flyte#5368: `retries=10` gives two attempts); Vane gives every
/// attempt the budget allows its full timeout and keeps the deadline as the bound on the total.
extension NodeExecutor {
  /// A deadline of a node and what it is called in messages.
  struct NodeDeadline: Equatable {
    let limit: Duration
    /// `timeout × attempts allowed`, `node-active-deadline`, …
    let name: String
  }

  /// The error to end the node with when its terminal deadline has passed; otherwise nil,
  /// and the round is asked to check again when the deadline comes.
  func terminalDeadlineError(_ visit: NodeVisit, round: RoundContext) -> Flyteidl_Core_ExecutionError? {
    guard
      let deadline = Self.activeDeadline(of: visit.node, plan: visit.scope.plan, defaults: round.settings.deadlines),
      visit.status.hasQueuedAt
    else { return nil }
    let elapsed = WallTime(visit.status.queuedAt).duration(to: round.instant)
    guard elapsed < deadline.limit else {
      let message =
        "node \(visit.node.id) ran past its deadline of \(deadline.limit.secondsText) "
        + "(\(deadline.name)), counted from when it was queued; attempt \(visit.attempt) was stopped"
      return .make(.timeout, message: message, kind: .user)
    }
    round.wakeUp(after: deadline.limit - elapsed)
    return nil
  }

  /// The node's own terminal deadline, else the engine's `node-active-deadline`.
  static func activeDeadline(
    of node: Flyteidl_Core_Node, plan: ExecutionPlan, defaults: EngineDeadlines
  ) -> NodeDeadline? {
    if let own = terminalDeadline(of: node, plan: plan) {
      return NodeDeadline(limit: own, name: "timeout × attempts allowed")
    }
    return defaults.nodeActive.map { NodeDeadline(limit: $0, name: "the engine's node-active-deadline") }
  }

  /// How long one attempt may run: the node's `timeout`, else the engine's
  /// `node-execution-deadline`.
  static func attemptDeadline(of node: Flyteidl_Core_Node, defaults: EngineDeadlines) -> NodeDeadline? {
    if node.metadata.hasTimeout {
      let timeout = SpecLimits.duration(node.metadata.timeout)
      if timeout > .zero { return NodeDeadline(limit: timeout, name: "its timeout") }
    }
    return defaults.nodeExecution.map { NodeDeadline(limit: $0, name: "the engine's node-execution-deadline") }
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
