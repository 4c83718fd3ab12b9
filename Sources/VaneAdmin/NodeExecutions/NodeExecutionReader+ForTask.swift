public import FlyteIDL
import Foundation
public import VaneAdminStore
import VaneData

extension NodeExecutionReader {
  /// One page of the node executions a task execution started: the nodes of the subgraph that
  /// attempt of a dynamic task returned (FlyteAdmin's `ListNodeExecutionsForTask`, which
  /// lists the node executions whose parent task execution is the given one). Direct children
  /// only — nodes nested deeper belong to their own parent node — and empty for a task that
  /// is not dynamic. Oldest first unless `sort_by` says otherwise; filters as for
  /// `ListNodeExecutions`.
  ///
  /// A retried dynamic node keeps the subgraph of each attempt: a child belongs to attempt `a`
  /// of node `p` when its unique id is the one built from (`p`, `a`, its spec node id).
  public func nodesForTask(
    _ request: Flyteidl_Admin_NodeExecutionForTaskListRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_NodeExecutionList
  {
    guard request.hasTaskExecutionID else {
      throw AdminError(.invalidArgument, "task_execution_id is required", at: "task_execution_id")
    }
    let id = request.taskExecutionID
    let task = id.taskID
    guard !task.project.isEmpty, !task.domain.isEmpty, !task.name.isEmpty, !task.version.isEmpty else {
      throw AdminError(
        .invalidArgument, "give the task's project, domain, name and version", at: "task_execution_id.task_id")
    }
    let attempt = try await taskRecord(id)
    let query = try ListRequest(parser: Self.nodeFilters).query(
      scope: [], filters: request.filters, sort: request.hasSortBy ? request.sortBy : nil, limit: request.limit,
      token: request.token, defaultSort: ListSort(field: .createdAt, ascending: true))
    let page = try await store.nodeExecutions(attempt.execution, parentNodeID: attempt.nodeID, query)
    var list = Flyteidl_Admin_NodeExecutionList()
    for record in page.items {
      let node = try Self.node(record)
      if Self.belongs(node, toAttempt: attempt.retryAttempt, of: attempt.nodeID) { list.nodeExecutions.append(node) }
    }
    // Children of other attempts are left out of the page; the token still goes on from it.
    list.token = ListRequest.token(page)
    return list
  }

  /// Whether `node` was started by attempt `attempt` of parent node `parentID`.
  static func belongs(_ node: Flyteidl_Admin_NodeExecution, toAttempt attempt: UInt32, of parentID: String) -> Bool {
    let specNodeID = node.metadata.specNodeID
    guard !specNodeID.isEmpty else { return node.id.nodeID.hasPrefix("\(parentID)-\(attempt)-") }
    return UniqueID.node(specNodeID, parentUniqueID: parentID, parentAttempt: attempt) == node.id.nodeID
  }
}
