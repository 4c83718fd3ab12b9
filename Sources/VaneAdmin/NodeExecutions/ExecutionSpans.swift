import FlyteIDL
import Foundation
import SwiftProtobuf

/// `GetExecutionMetrics`' span tree, built from the stored node and task executions the way
/// FlyteAdmin 1.16's metrics manager partitions an execution's time. Pure: the tree of records
/// comes in (`ExecutionSpans.Node`), the span comes out.
///
/// ```
/// workflow [created … updated]
///   WORKFLOW_SETUP      created → start node done (or first node created)
///   node [created … updated]             one per node, oldest first (start/end nodes left out)
///     NODE_TRANSITION   last upstream node updated → created (top-level graphs)
///     NODE_SETUP        created → first attempt or child created
///     task [created … updated]           one per attempt
///       TASK_SETUP      created → started
///       TASK_RUNTIME    started → started + duration (→ updated while running)
///       TASK_TEARDOWN   end → updated
///     NODE_RESET        between attempts, and from the last attempt to the subgraph
///     node …            children (subworkflow, branch, dynamic subgraph)
///     NODE_TEARDOWN     last attempt or child updated → updated
///   WORKFLOW_TEARDOWN   last node updated → updated
/// ```
/// A node without attempts or children is NODE_SETUP until it started, then NODE_IDLE (a gate
/// waiting) and NODE_TEARDOWN. `depth` bounds the levels as in FlyteAdmin: 0 is the workflow
/// span alone, 1 adds node spans, 2 their operations, 3 the attempts, and so on.
///
/// A launch plan node holds NODE_SETUP, its child execution's workflow span and NODE_TEARDOWN.
/// A node starts with NODE_TRANSITION (its upstream nodes' last update → its creation) in every
/// graph the compiled closure holds (`SpanGraph`): the top level and subworkflows; unlike
/// FlyteAdmin, nodes of dynamic subgraphs have none (compiled at run time, not at hand here).
enum ExecutionSpans {
  /// A node execution with its attempts, the node executions under it and, for a launch plan
  /// node, the child execution it started.
  struct Node {
    var execution: Flyteidl_Admin_NodeExecution
    var attempts: [Flyteidl_Admin_TaskExecution]
    var children: [Node]
    var child: Execution? = nil
  }

  /// An execution: its id, when it was created and last updated, its top-level nodes and its
  /// compiled graphs (empty when the compiled closure is not at hand).
  struct Execution {
    var id: Flyteidl_Core_WorkflowExecutionIdentifier
    var created: Date
    var updated: Date
    var nodes: [Node]
    var graphs = SpanGraph.Set()
  }

  static let startNode = "start-node"
  static let endNode = "end-node"

  static func workflow(_ execution: Execution, depth: Int) -> Flyteidl_Core_Span {
    let (id, created, updated, nodes) = (execution.id, execution.created, execution.updated, execution.nodes)
    var span = Flyteidl_Core_Span()
    span.startTime = timestamp(created)
    span.endTime = timestamp(updated)
    span.workflowID = id
    guard depth != 0 else { return span }
    let visible = ordered(nodes)
    let start = nodes.first { isStart($0) }?.execution.closure.updatedAt.date
    guard let setupEnd = start ?? visible.first?.execution.closure.createdAt.date else {
      span.spans = [operation("WORKFLOW_SETUP", created, updated)]
      return span
    }
    span.spans = [operation("WORKFLOW_SETUP", created, setupEnd)]
    let graphs = execution.graphs
    span.spans += visible.map {
      transition(
        into: $0, node($0, depth: depth - 1, graph: graphs.primary, graphs: graphs), among: nodes, graphs.primary)
    }
    if let last = visible.map(\.execution.closure.updatedAt.date).max(), last <= updated {
      span.spans.append(operation("WORKFLOW_TEARDOWN", last, updated))
    }
    return span
  }

  /// The span of `node`, a node of `graph` (one of `graphs`).
  static func node(
    _ node: Node, depth: Int, graph: SpanGraph = SpanGraph(), graphs: SpanGraph.Set = SpanGraph.Set()
  ) -> Flyteidl_Core_Span {
    let closure = node.execution.closure
    let (created, updated) = (closure.createdAt.date, closure.updatedAt.date)
    var span = Flyteidl_Core_Span()
    span.startTime = timestamp(closure.createdAt.date)
    span.endTime = timestamp(closure.updatedAt.date)
    span.nodeID = node.execution.id
    guard depth != 0 else { return span }
    if let child = node.child {
      // A launch plan node: setup until its child execution was created, the child's own
      // tree one level down, teardown after it.
      span.spans = [
        operation("NODE_SETUP", created, child.created),
        workflow(child, depth: depth - 1),
      ]
      if child.updated <= updated { span.spans.append(operation("NODE_TEARDOWN", child.updated, updated)) }
      return span
    }
    let attempts = node.attempts.sorted { $0.closure.createdAt.date < $1.closure.createdAt.date }
    let children = ordered(node.children)
    let firstChild =
      (node.children.first { isStart($0) }?.execution.closure.updatedAt
      ?? children.first?.execution
      .closure.createdAt)?.date
    guard let firstWork = attempts.first?.closure.createdAt.date ?? firstChild else {
      span.spans = idle(closure)
      return span
    }
    span.spans = [operation("NODE_SETUP", created, firstWork)]
    for (index, attempt) in attempts.enumerated() {
      if index > 0 {
        span.spans.append(
          operation("NODE_RESET", attempts[index - 1].closure.updatedAt.date, attempt.closure.createdAt.date))
      }
      if depth - 1 != 0 { span.spans.append(task(attempt)) }
    }
    if let lastAttempt = attempts.last?.closure.updatedAt.date, let firstChild {
      span.spans.append(operation("NODE_RESET", lastAttempt, firstChild))
    }
    let inner = graphs.inner(of: graph.nodes[specNodeID(node)]) ?? SpanGraph()
    span.spans += children.map {
      transition(into: $0, self.node($0, depth: depth - 1, graph: inner, graphs: graphs), among: node.children, inner)
    }
    let ends = attempts.map(\.closure.updatedAt.date) + children.map(\.execution.closure.updatedAt.date)
    if let last = ends.max(), last <= updated { span.spans.append(operation("NODE_TEARDOWN", last, updated)) }
    return span
  }

  /// `span` with NODE_TRANSITION first: from the last of its upstream nodes' updates to its
  /// creation, the time it waited to be scheduled (FlyteAdmin adds it at every depth).
  static func transition(
    into node: Node, _ span: Flyteidl_Core_Span, among siblings: [Node], _ graph: SpanGraph
  ) -> Flyteidl_Core_Span {
    guard let ids = graph.upstream[specNodeID(node)], !ids.isEmpty else { return span }
    let before = siblings.filter { ids.contains(specNodeID($0)) }.map(\.execution.closure.updatedAt.date)
    guard let latest = before.max() else { return span }
    var span = span
    span.spans.insert(operation("NODE_TRANSITION", latest, node.execution.closure.createdAt.date), at: 0)
    return span
  }

  static func task(_ attempt: Flyteidl_Admin_TaskExecution) -> Flyteidl_Core_Span {
    let closure = attempt.closure
    var span = Flyteidl_Core_Span()
    span.startTime = timestamp(closure.createdAt.date)
    span.endTime = timestamp(closure.updatedAt.date)
    span.taskID = attempt.id
    let (created, updated) = (closure.createdAt.date, closure.updatedAt.date)
    guard closure.hasStartedAt else {
      span.spans = [operation("TASK_SETUP", created, updated)]
      return span
    }
    let started = closure.startedAt.date
    span.spans = [operation("TASK_SETUP", created, started)]
    guard closure.hasDuration else {
      span.spans.append(operation("TASK_RUNTIME", started, updated))
      return span
    }
    let end = started.addingTimeInterval(closure.duration.timeInterval)
    span.spans.append(operation("TASK_RUNTIME", started, end))
    if end <= updated { span.spans.append(operation("TASK_TEARDOWN", end, updated)) }
    return span
  }

  /// A node with neither attempts nor children: setup until it started, then idle (a gate
  /// node waiting for its signal or timer) until it ended, then teardown.
  static func idle(_ closure: Flyteidl_Admin_NodeExecutionClosure) -> [Flyteidl_Core_Span] {
    let (created, updated) = (closure.createdAt.date, closure.updatedAt.date)
    guard closure.hasStartedAt else { return [operation("NODE_SETUP", created, updated)] }
    let started = closure.startedAt.date
    guard closure.hasDuration else {
      return [operation("NODE_SETUP", created, started), operation("NODE_IDLE", started, updated)]
    }
    let end = started.addingTimeInterval(closure.duration.timeInterval)
    return [
      operation("NODE_SETUP", created, started), operation("NODE_IDLE", started, end),
      operation("NODE_TEARDOWN", end, updated),
    ]
  }

  static func operation(_ name: String, _ start: Date, _ end: Date) -> Flyteidl_Core_Span {
    var span = Flyteidl_Core_Span()
    span.startTime = timestamp(start)
    span.endTime = timestamp(end)
    span.operationID = name
    return span
  }

  /// `date` to the microsecond, the precision the admin store keeps: a `Date` (a `Double`) is off
  /// by up to a few hundred nanoseconds, and an operation's bounds must equal the node and attempt
  /// times they come from (a transition ends exactly where its upstream node's span ends).
  static func timestamp(_ date: Date) -> Google_Protobuf_Timestamp {
    let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
    let seconds = (micros / 1_000_000).rounded(.down)
    return Google_Protobuf_Timestamp(
      seconds: Int64(seconds), nanos: Int32((micros - seconds * 1_000_000) * 1_000))
  }

  /// The nodes that get spans, oldest first: all but the start and end nodes.
  static func ordered(_ nodes: [Node]) -> [Node] {
    nodes.filter { !isStart($0) && !isEnd($0) }.sorted {
      $0.execution.closure.createdAt.date < $1.execution.closure.createdAt.date
    }
  }

  static func isStart(_ node: Node) -> Bool { specNodeID(node) == startNode }
  static func isEnd(_ node: Node) -> Bool { specNodeID(node) == endNode }

  static func specNodeID(_ node: Node) -> String {
    let spec = node.execution.metadata.specNodeID
    if !spec.isEmpty { return spec }
    return String(node.execution.id.nodeID.split(separator: "-").suffix(2).joined(separator: "-"))
  }
}
