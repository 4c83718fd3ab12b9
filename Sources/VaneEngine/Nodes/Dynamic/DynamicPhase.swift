/// Where a dynamic node stands, stored in `NodeStatus.dynamic_phase`:
///
///     task ──(task succeeded, futures.pb found, compiled)──▶ executing
///
/// While `task`, the node is an ordinary task node (a task that writes outputs never leaves
/// it). Once `executing`, the compiled subgraph is at `NodeStatus.dynamic_closure_uri` and the
/// task is never asked again, even by a restarted engine.
enum DynamicPhase: Int32, Sendable {
  /// The node's task runs (or ran and wrote ordinary outputs).
  case task = 0
  /// The task's subgraph was compiled and stored; its nodes run as the node's children.
  case executing = 1

  init(stored: Int32) {
    self = DynamicPhase(rawValue: stored) ?? .task
  }
}
