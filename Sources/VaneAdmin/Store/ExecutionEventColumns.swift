/// The columns of the node and task execution tables that listings filter and sort on, and
/// the columns that break ties, the same in every admin store so a listing returns the same
/// page whatever the database.
enum ExecutionEventColumns {
  /// Node execution listings: node_id, phase, created_at, updated_at.
  static let node: [ListField: String] = [
    .nodeID: "node_id", .phase: "phase", .createdAt: "created_at", .updatedAt: "updated_at",
  ]
  /// Node executions with equal sort values are ordered by node id.
  static let nodeTieBreak = ["node_id"]
  /// Task execution listings: phase, retry_attempt, created_at, updated_at.
  static let task: [ListField: String] = [
    .phase: "phase", .retryAttempt: "retry_attempt", .createdAt: "created_at", .updatedAt: "updated_at",
  ]
  /// Task executions with equal sort values are ordered by attempt, then task name.
  static let taskTieBreak = ["retry_attempt", "task_name"]
}
