/// Where a dynamic node stands, stored in `NodeStatus.dynamic_phase`:
///
///     task ──(task succeeded, futures.pb found)──▶ compiling ──(compiled, stored)──▶ executing
///
/// While `task`, the node is an ordinary task node (a task that writes outputs never leaves
/// it). `compiling` is committed before the subgraph is compiled, in a round of its own: a
/// subgraph of 100,000 nodes takes seconds to compile, and the task's end should be visible
/// (and durable) before that. Once `executing`, the compiled subgraph is at
/// `NodeStatus.dynamic_closure_uri` and the task is never asked again, even by a restarted
/// engine.
enum DynamicPhase: Int32, Sendable {
  /// The node's task runs (or ran and wrote ordinary outputs).
  case task = 0
  /// The task's subgraph was compiled and stored; its nodes run as the node's children.
  case executing = 1
  /// The task succeeded and left a subgraph, compiled at the node's next visit.
  case compiling = 2

  init(stored: Int32) {
    self = DynamicPhase(rawValue: stored) ?? .task
  }
}
