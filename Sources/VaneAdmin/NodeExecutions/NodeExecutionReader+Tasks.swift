public import FlyteIDL
import Foundation
import SwiftProtobuf
public import VaneAdminStore
import VaneModel

extension NodeExecutionReader {
  /// One page of the task executions (attempts) of a node execution, first attempt first
  /// unless `sort_by` says otherwise.
  public func tasks(
    _ request: Flyteidl_Admin_TaskExecutionListRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_TaskExecutionList
  {
    let node = try await record(request.nodeExecutionID)
    let query = try ListRequest(parser: Self.taskFilters).query(
      scope: [], filters: request.filters, sort: request.hasSortBy ? request.sortBy : nil, limit: request.limit,
      token: request.token, defaultSort: ListSort(field: .retryAttempt, ascending: true))
    let page = try await store.taskExecutions(node.execution, nodeID: node.nodeID, query)
    var list = Flyteidl_Admin_TaskExecutionList()
    for record in page.items { list.taskExecutions.append(try Self.task(record)) }
    list.token = ListRequest.token(page)
    return list
  }

  /// One task execution.
  public func task(_ id: Flyteidl_Core_TaskExecutionIdentifier) async throws(AdminError) -> Flyteidl_Admin_TaskExecution
  {
    try Self.task(try await taskRecord(id))
  }

  /// The inputs and (once it succeeded) outputs of a task execution.
  public func taskData(
    _ id: Flyteidl_Core_TaskExecutionIdentifier
  ) async throws(AdminError)
    -> Flyteidl_Admin_TaskExecutionGetDataResponse
  {
    let task = try Self.task(try await taskRecord(id))
    var response = Flyteidl_Admin_TaskExecutionGetDataResponse()
    response.flyteUrls = FlyteURL.urls(task: id)
    if let inputs = await literals(at: task.inputUri) { (response.fullInputs, response.inputs) = inputs }
    if task.closure.phase == .succeeded, case .outputUri(let uri)? = task.closure.outputResult,
      let outputs = await literals(at: uri)
    {
      (response.fullOutputs, response.outputs) = outputs
    }
    return response
  }

  func taskRecord(_ id: Flyteidl_Core_TaskExecutionIdentifier) async throws(AdminError) -> TaskExecutionRecord {
    let node = try await record(id.nodeExecutionID)
    let task = EntityKey(
      project: id.taskID.project, domain: id.taskID.domain, name: id.taskID.name, version: id.taskID.version)
    guard
      let record = try await store.taskExecution(
        node.execution, nodeID: node.nodeID, task: task, retryAttempt: id.retryAttempt)
    else {
      throw AdminError(
        .notFound, "no such task execution",
        at: "task execution \(node.execution.name)/\(node.nodeID)/\(task.name) attempt \(id.retryAttempt)")
    }
    return record
  }

  static func task(_ record: TaskExecutionRecord) throws(AdminError) -> Flyteidl_Admin_TaskExecution {
    try Registry.decode(
      Flyteidl_Admin_TaskExecution.self, record.message,
      what: "task execution \(record.execution.name)/\(record.nodeID)/\(record.retryAttempt)")
  }
}
