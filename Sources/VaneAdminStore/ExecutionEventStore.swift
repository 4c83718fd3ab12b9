public import Foundation
public import VaneModel

/// The admin tables built from the engine's events: node executions and task executions,
/// and how far the event feed has been read. `SQLAdminStore` implements it (on
/// SQLite and PostgreSQL); a store that does not is served without node and task executions.
///
/// Contract: `apply` writes every record of the batch (insert or replace by key) and the feed
/// position in one transaction; listings filter (AND), sort (ties by node id / attempt), then
/// page; errors are `AdminError`.
public protocol ExecutionEventStore: Sendable {
  /// The position of the last event of `feed` applied (0 before the first).
  func feedPosition(_ feed: String) async throws(AdminError) -> Int64
  /// Stores a batch and the new feed position atomically.
  func apply(_ batch: EventBatch) async throws(AdminError)
  /// One node execution, or nil.
  func nodeExecution(_ execution: EntityName, nodeID: String) async throws(AdminError) -> NodeExecutionRecord?
  /// One page of the node executions of an execution directly under `parentNodeID` (empty:
  /// the top level). Fields: node_id, phase, created_at, updated_at.
  func nodeExecutions(
    _ execution: EntityName, parentNodeID: String, _ query: ListQuery
  ) async throws(AdminError)
    -> Page<NodeExecutionRecord>
  /// One task execution, or nil.
  func taskExecution(
    _ execution: EntityName, nodeID: String, task: EntityKey, retryAttempt: UInt32
  ) async throws(AdminError) -> TaskExecutionRecord?
  /// One page of the task executions (attempts) of a node. Fields: phase, retry_attempt,
  /// created_at, updated_at.
  func taskExecutions(
    _ execution: EntityName, nodeID: String, _ query: ListQuery
  ) async throws(AdminError)
    -> Page<TaskExecutionRecord>
}

/// Scheduled launches already fired, so a restart neither loses nor repeats one.
public protocol ScheduleStore: Sendable {
  /// Records that the schedule of launch plan `plan` fired for `time` as `execution`; false
  /// when that time was recorded already.
  func recordFire(_ plan: EntityKey, at time: Date, execution: String, firedAt: Date) async throws(AdminError) -> Bool
  /// The latest scheduled time recorded for `plan`, or nil.
  func lastFire(_ plan: EntityKey) async throws(AdminError) -> Date?
}
