/// One kind of node (task, branch, subworkflow…): how to advance it by one non-blocking,
/// idempotent step, and how to stop and clean up after it.
///
/// A handler holds its collaborators (plugins, stores, the launcher), given once by
/// `NodeHandlerFactory`; the round gives it only the facts of the round. `executor` runs the
/// nodes nested in this one (branch legs, subworkflows, dynamic subgraphs).
protocol NodeHandler: Sendable {
  /// Advances the node; returns what the handler observed. Reads what the last round stored
  /// in `visit.status` and may update it (plugin state, children).
  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict
  /// Stops whatever the node started. Safe to call when nothing runs.
  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async
  /// Releases what the current attempt held; called before a terminal phase is written.
  func finalize(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async
}

extension NodeHandler {
  /// Nothing to stop: the handler starts no work outside the status.
  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async {}

  /// Nothing to release.
  func finalize(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async {}
}
