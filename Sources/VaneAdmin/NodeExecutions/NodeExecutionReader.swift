public import FlyteIDL
import Foundation
import SwiftProtobuf
public import VaneAdminStore
import VaneData
public import VaneEngine
import VaneModel

/// Node and task executions through the admin API, from the tables `EventIngestion` builds.
/// Every read drains the event feed first, so it sees every event the engine has committed.
public struct NodeExecutionReader: Sendable {
  let store: any ExecutionEventStore
  let executions: any AdminStore
  let ingestion: EventIngestion
  let engine: Engine

  public init(store: any ExecutionEventStore, executions: any AdminStore, ingestion: EventIngestion, engine: Engine) {
    self.store = store
    self.executions = executions
    self.ingestion = ingestion
    self.engine = engine
  }

  static let nodeFilters = FilterParser(
    entityPrefix: "node_execution", fields: [.nodeID, .phase, .createdAt, .updatedAt],
    phaseNames: PhaseNames.node)
  static let taskFilters = FilterParser(
    entityPrefix: "task_execution", fields: [.phase, .retryAttempt, .createdAt, .updatedAt],
    phaseNames: PhaseNames.task)

  /// One page of the node executions of an execution: the top level, or the children of
  /// `unique_parent_id`. Oldest first unless `sort_by` says otherwise.
  public func list(
    _ request: Flyteidl_Admin_NodeExecutionListRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_NodeExecutionList
  {
    let execution = try await existing(request.workflowExecutionID)
    let query = try ListRequest(parser: Self.nodeFilters).query(
      scope: [], filters: request.filters, sort: request.hasSortBy ? request.sortBy : nil, limit: request.limit,
      token: request.token, defaultSort: ListSort(field: .createdAt, ascending: true))
    if !request.uniqueParentID.isEmpty,
      try await store.nodeExecution(execution, nodeID: request.uniqueParentID) == nil
    {
      throw AdminError(.notFound, "no such node execution", at: "unique_parent_id '\(request.uniqueParentID)'")
    }
    let page = try await store.nodeExecutions(execution, parentNodeID: request.uniqueParentID, query)
    var list = Flyteidl_Admin_NodeExecutionList()
    for record in page.items { list.nodeExecutions.append(try Self.node(record)) }
    list.token = ListRequest.token(page)
    return list
  }

  /// One node execution.
  public func node(_ id: Flyteidl_Core_NodeExecutionIdentifier) async throws(AdminError) -> Flyteidl_Admin_NodeExecution
  {
    try Self.node(try await record(id))
  }

  /// The inputs and outputs of a node execution, and the compiled subgraph of a dynamic node.
  public func nodeData(
    _ id: Flyteidl_Core_NodeExecutionIdentifier
  ) async throws(AdminError)
    -> Flyteidl_Admin_NodeExecutionGetDataResponse
  {
    let node = try Self.node(try await record(id))
    var response = Flyteidl_Admin_NodeExecutionGetDataResponse()
    response.flyteUrls = FlyteURL.urls(node: id, deck: !node.closure.deckUri.isEmpty)
    if let inputs = await literals(at: node.inputUri) { (response.fullInputs, response.inputs) = inputs }
    if node.closure.phase == .succeeded || node.closure.phase == .recovered,
      case .outputUri(let uri)? = node.closure.outputResult, let outputs = await literals(at: uri)
    {
      (response.fullOutputs, response.outputs) = outputs
    }
    if node.metadata.isDynamic, let closure = await dynamicClosure(node) {
      response.dynamicWorkflow.id = closure.primary.template.id
      response.dynamicWorkflow.compiledWorkflow = closure
      response.dynamicWorkflow.dynamicJobSpecUri = node.closure.dynamicJobSpecUri
    }
    return response
  }

  /// The compiled subgraph a dynamic node ran.
  public func dynamicWorkflow(
    _ id: Flyteidl_Core_NodeExecutionIdentifier
  ) async throws(AdminError)
    -> Flyteidl_Admin_DynamicNodeWorkflowResponse
  {
    let node = try Self.node(try await record(id))
    guard node.metadata.isDynamic, let closure = await dynamicClosure(node) else {
      throw AdminError(.notFound, "the node did not run a dynamic workflow", at: "node execution \(id.nodeID)")
    }
    var response = Flyteidl_Admin_DynamicNodeWorkflowResponse()
    response.compiledWorkflow = closure
    return response
  }

  func existing(_ id: Flyteidl_Core_WorkflowExecutionIdentifier) async throws(AdminError) -> EntityName {
    guard !id.project.isEmpty, !id.domain.isEmpty, !id.name.isEmpty else {
      throw AdminError(.invalidArgument, "give the execution's project, domain and name", at: "workflow_execution_id")
    }
    let name = EntityName(org: id.org, project: id.project, domain: id.domain, name: id.name)
    guard try await executions.execution(name) != nil else {
      throw AdminError(.notFound, "no such execution", at: "execution \(id.project):\(id.domain):\(id.name)")
    }
    // A failed drain is not this read's failure: it serves what is applied, and the ingestion
    // service retries (and logs) the drain.
    _ = try? await ingestion.drain()
    return name
  }

  func record(_ id: Flyteidl_Core_NodeExecutionIdentifier) async throws(AdminError) -> NodeExecutionRecord {
    let execution = try await existing(id.executionID)
    guard !id.nodeID.isEmpty else { throw AdminError(.invalidArgument, "node_id is required", at: "id.node_id") }
    guard let record = try await store.nodeExecution(execution, nodeID: id.nodeID) else {
      throw AdminError(.notFound, "no such node execution", at: "node execution \(execution.name)/\(id.nodeID)")
    }
    return record
  }

  static func node(_ record: NodeExecutionRecord) throws(AdminError) -> Flyteidl_Admin_NodeExecution {
    try Registry.decode(
      Flyteidl_Admin_NodeExecution.self, record.message,
      what: "node execution \(record.execution.name)/\(record.nodeID)")
  }

  /// The literal map stored at `uri` and where it is (URL and size), as the data responses of
  /// node and task executions carry them; nil when there is none to read.
  func literals(at uri: String) async -> (Flyteidl_Core_LiteralMap, Flyteidl_Admin_UrlBlob)? {
    guard !uri.isEmpty, let bytes = try? await engine.environment.dataStore.read(DataURI(uri)),
      let map = try? Flyteidl_Core_LiteralMap(serializedBytes: bytes)
    else { return nil }
    var blob = Flyteidl_Admin_UrlBlob()
    blob.url = uri
    blob.bytes = Int64(bytes.count)
    return (map, blob)
  }

  /// The engine keeps a dynamic node's compiled subgraph next to its `futures.pb`.
  func dynamicClosure(_ node: Flyteidl_Admin_NodeExecution) async -> Flyteidl_Core_CompiledWorkflowClosure? {
    let futures = node.closure.dynamicJobSpecUri
    guard futures.hasSuffix("/" + DataFileName.futures) else { return nil }
    let uri = String(futures.dropLast(DataFileName.futures.count)) + "dynamic_compiled.pb"
    guard let bytes = try? await engine.environment.dataStore.read(DataURI(uri)) else { return nil }
    return try? Flyteidl_Core_CompiledWorkflowClosure(serializedBytes: bytes)
  }
}
