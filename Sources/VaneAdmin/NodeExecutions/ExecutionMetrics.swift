public import FlyteIDL
import Foundation
import SwiftProtobuf
public import VaneAdminStore
import VaneEngine
import VaneModel
import VaneStore

/// `GetExecutionMetrics`: the execution's span tree (`ExecutionSpans`) over its stored node
/// and task executions. Reads only as deep as `depth` asks and at most `maximumRecords` node
/// and task executions, so a huge map or dynamic fan-out cannot make one call read (or answer)
/// without bound; past that the call fails with `RESOURCE_EXHAUSTED`, asking for less depth.
public struct ExecutionMetrics: Sendable {
  let executions: ExecutionManager
  let nodes: NodeExecutionReader
  /// Node and task executions one call may read.
  public var maximumRecords = 20_000

  public init(executions: ExecutionManager, nodes: NodeExecutionReader) {
    self.executions = executions
    self.nodes = nodes
  }

  public func metrics(
    _ request: Flyteidl_Admin_WorkflowExecutionGetMetricsRequest
  ) async throws(AdminError) -> Flyteidl_Admin_WorkflowExecutionGetMetricsResponse {
    guard request.depth >= 0 else {
      throw AdminError(.invalidArgument, "depth must be 0 or more (flytekit asks for 10)", at: "depth")
    }
    let execution = try await executions.execution(request.id)
    let name = try await nodes.existing(request.id)
    var budget = maximumRecords
    let depth = Int(request.depth)
    var tree: [ExecutionSpans.Node] = []
    if depth != 0 { tree = try await load(name, parent: "", depth: depth - 1, budget: &budget) }
    let closure = execution.closure
    let updated = closure.hasUpdatedAt ? closure.updatedAt.date : closure.createdAt.date
    var response = Flyteidl_Admin_WorkflowExecutionGetMetricsResponse()
    response.span = ExecutionSpans.workflow(
      ExecutionSpans.Execution(
        id: execution.id, created: closure.createdAt.date, updated: updated, nodes: tree,
        graphs: try await graphs(name)),
      depth: depth)
    return response
  }

  /// The node executions under `parent`; their attempts and children only where `depth`
  /// (the depth of these nodes' spans) lets them show.
  func load(
    _ execution: EntityName, parent: String, depth: Int, budget: inout Int
  ) async throws(AdminError) -> [ExecutionSpans.Node] {
    let records = try await all(&budget) { (query) throws(AdminError) in
      try await nodes.store.nodeExecutions(execution, parentNodeID: parent, query)
    }
    var tree: [ExecutionSpans.Node] = []
    for record in records {
      var node = ExecutionSpans.Node(execution: try NodeExecutionReader.node(record), attempts: [], children: [])
      if depth != 0 {
        let attempts = try await all(&budget) { (query) throws(AdminError) in
          try await nodes.store.taskExecutions(execution, nodeID: record.nodeID, query)
        }
        for attempt in attempts {
          node.attempts.append(
            try Registry.decode(
              Flyteidl_Admin_TaskExecution.self, attempt.message, what: "task execution \(record.nodeID)"))
        }
        node.children = try await load(execution, parent: record.nodeID, depth: depth - 1, budget: &budget)
        node.child = try await child(of: node.execution, in: execution, depth: depth, budget: &budget)
      }
      tree.append(node)
    }
    return tree
  }

  /// The child execution a launch plan node started, with its nodes where `depth` (the
  /// node's) lets them show; nil for other nodes and while the child is not recorded yet.
  /// (A subworkflow node's metadata names its own execution: not a child.)
  func child(
    of node: Flyteidl_Admin_NodeExecution, in parent: EntityName, depth: Int, budget: inout Int
  ) async throws(AdminError) -> ExecutionSpans.Execution? {
    guard case .workflowNodeMetadata(let metadata)? = node.closure.targetMetadata,
      !metadata.executionID.name.isEmpty
    else { return nil }
    let id = metadata.executionID
    let name = EntityName(org: id.org, project: id.project, domain: id.domain, name: id.name)
    guard name != parent else { return nil }
    let execution: Flyteidl_Admin_Execution
    do {
      execution = try await executions.execution(metadata.executionID)
    } catch  where error.code == .notFound {
      return nil
    }
    let closure = execution.closure
    var child = ExecutionSpans.Execution(
      id: execution.id, created: closure.createdAt.date,
      updated: closure.hasUpdatedAt ? closure.updatedAt.date : closure.createdAt.date, nodes: [])
    if depth - 1 != 0 {
      child.nodes = try await load(name, parent: "", depth: depth - 2, budget: &budget)
      child.graphs = try await graphs(name)
    }
    return child
  }

  /// The graphs of an execution's compiled closure, from the engine's spec (empty when the
  /// engine has no spec for it).
  func graphs(_ execution: EntityName) async throws(AdminError) -> SpanGraph.Set {
    let engine = executions.engine
    let key = ResourceKey(project: execution.project, domain: execution.domain, name: execution.name)
    let spec = try await executions.engineCall { () throws(EngineError) in try await engine.spec(of: key) }
    return spec.map { SpanGraph.Set($0.closure) } ?? SpanGraph.Set()
  }

  /// Every row a paged listing returns, charged to `budget`.
  private func all<Item: Sendable>(
    _ budget: inout Int, _ fetch: (ListQuery) async throws(AdminError) -> Page<Item>
  ) async throws(AdminError) -> [Item] {
    var items: [Item] = []
    var query = ListQuery(sort: ListSort(field: .createdAt, ascending: true), limit: 500)
    while true {
      query.limit = min(500, budget + 1)
      let page = try await fetch(query)
      budget -= page.items.count
      guard budget >= 0 else {
        throw AdminError(
          .resourceExhausted,
          "the execution has more than \(maximumRecords) node and task executions; ask for a smaller depth",
          at: "depth")
      }
      items += page.items
      guard let next = page.nextOffset else { return items }
      query.offset = next
    }
  }
}
