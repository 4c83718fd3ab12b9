import FlyteIDL
import VaneModel

/// The engine's `workflow-active-deadline` (`EngineDeadlines.workflowActive`): an execution
/// still running that long after it started is failed:
///
///     running ─(deadline passed)─▶ failing ─▶ failed            (running nodes stopped first)
///                                     └─▶ handlingFailureNode ─▶ failed
///
/// Its running nodes end Aborted (`NodeAborted`, the reason naming the deadline) and the
/// execution fails with the user error `Timeout`; a failure node runs as after any failure.
/// Each execution counts from its own start, child executions included.
extension WorkflowExecutor {
  /// The error to fail the execution with once it ran past the deadline; otherwise nil, and
  /// the round is asked to check again when the deadline comes.
  static func deadlineError(_ status: Vane_ExecutionStatus, round: RoundContext) -> Flyteidl_Core_ExecutionError? {
    guard let limit = round.settings.deadlines.workflowActive, status.hasStartedAt else { return nil }
    let elapsed = WallTime(status.startedAt).duration(to: round.instant)
    guard elapsed < limit else {
      let message =
        "execution \(round.executionID.name) ran past the engine's workflow-active-deadline of "
        + "\(limit.secondsText), counted from when it started; its running nodes were stopped"
      return .make(.timeout, message: message, kind: .user)
    }
    round.wakeUp(after: limit - elapsed)
    return nil
  }

  /// Fails the execution for its deadline: stops its running nodes, then ends it as failed
  /// (through the failure node when there is one).
  func timeOut(
    _ status: inout Vane_ExecutionStatus, error: Flyteidl_Core_ExecutionError, scope: NodeScope, round: RoundContext
  ) async {
    await nodes.abort(scope, statuses: &status.nodes, reason: error.message, round: round)
    status.error = error
    transition(&status, to: .failing, round: round)
    await finishFailing(&status, from: .failing, scope: scope, round: round)
  }
}
