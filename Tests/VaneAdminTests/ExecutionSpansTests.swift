import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing

@testable import VaneAdmin

/// The span tree of GetExecutionMetrics, built from hand-made node and task executions with
/// known times (seconds after `t0`).
@Suite struct ExecutionSpansTests {
  static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

  static func time(_ seconds: Double) -> Google_Protobuf_Timestamp { Google_Protobuf_Timestamp(date: t0 + seconds) }

  static func node(
    _ id: String, _ created: Double, _ updated: Double, started: Double? = nil, ended: Double? = nil,
    attempts: [Flyteidl_Admin_TaskExecution] = [], children: [ExecutionSpans.Node] = []
  ) -> ExecutionSpans.Node {
    var execution = Flyteidl_Admin_NodeExecution()
    execution.id.nodeID = id
    execution.metadata.specNodeID = id
    execution.closure.createdAt = time(created)
    execution.closure.updatedAt = time(updated)
    if let started { execution.closure.startedAt = time(started) }
    if let started, let ended {
      execution.closure.duration = Google_Protobuf_Duration(rounding: ended - started, rule: .toNearestOrAwayFromZero)
    }
    return ExecutionSpans.Node(execution: execution, attempts: attempts, children: children)
  }

  static func attempt(
    _ retry: UInt32, _ created: Double, _ started: Double?, _ ended: Double?, _ updated: Double
  ) -> Flyteidl_Admin_TaskExecution {
    var task = Flyteidl_Admin_TaskExecution()
    task.id.retryAttempt = retry
    task.id.nodeExecutionID.nodeID = "n0"
    task.closure.createdAt = time(created)
    task.closure.updatedAt = time(updated)
    if let started { task.closure.startedAt = time(started) }
    if let started, let ended {
      task.closure.duration = Google_Protobuf_Duration(rounding: ended - started, rule: .toNearestOrAwayFromZero)
    }
    return task
  }

  /// `NAME start-end` for an operation, `node:ID start-end` / `task:ATTEMPT start-end` for the rest.
  static func describe(_ span: Flyteidl_Core_Span) -> String {
    let start = span.startTime.date.timeIntervalSince(t0)
    let end = span.endTime.date.timeIntervalSince(t0)
    let what: String
    switch span.id {
    case .operationID(let name)?: what = name
    case .nodeID(let id)?: what = "node:\(id.nodeID)"
    case .taskID(let id)?: what = "task:\(id.retryAttempt)"
    case .workflowID(let id)?: what = "workflow:\(id.name)"
    case nil: what = "?"
    }
    return "\(what) \(Int(start))-\(Int(end))"
  }

  static let id: Flyteidl_Core_WorkflowExecutionIdentifier = {
    var id = Flyteidl_Core_WorkflowExecutionIdentifier()
    id.name = "x"
    return id
  }()

  /// start-node done at 2; n0 a task that failed once and succeeded on retry; n1 a gate that
  /// waited; the execution ended at 40.
  static let nodes = [
    node(ExecutionSpans.startNode, 1, 2),
    node(
      "n0", 3, 20,
      attempts: [attempt(1, 11, 12, 18, 19), attempt(0, 4, 5, 9, 10)]),
    node("n1", 21, 38, started: 22, ended: 37),
    node(ExecutionSpans.endNode, 38, 39),
  ]

  @Test func theTreePartitionsTheExecutionAsFlyteAdminDoes() {
    let span = ExecutionSpans.workflow(
      ExecutionSpans.Execution(id: Self.id, created: Self.t0, updated: Self.t0 + 40, nodes: Self.nodes), depth: 3)
    #expect(Self.describe(span) == "workflow:x 0-40")
    #expect(
      span.spans.map(Self.describe) == [
        "WORKFLOW_SETUP 0-2", "node:n0 3-20", "node:n1 21-38", "WORKFLOW_TEARDOWN 38-40",
      ])
    let task = span.spans[1]
    #expect(
      task.spans.map(Self.describe) == [
        "NODE_SETUP 3-4", "task:0 4-10", "NODE_RESET 10-11", "task:1 11-19", "NODE_TEARDOWN 19-20",
      ])
    #expect(task.spans[1].spans.map(Self.describe) == ["TASK_SETUP 4-5", "TASK_RUNTIME 5-9", "TASK_TEARDOWN 9-10"])
    #expect(span.spans[2].spans.map(Self.describe) == ["NODE_SETUP 21-22", "NODE_IDLE 22-37", "NODE_TEARDOWN 37-38"])
  }

  @Test(arguments: [(0, 0, 0), (1, 4, 0), (2, 4, 3)])
  func depthBoundsTheLevels(depth: Int, workflowChildren: Int, taskNodeChildren: Int) {
    let span = ExecutionSpans.workflow(
      ExecutionSpans.Execution(id: Self.id, created: Self.t0, updated: Self.t0 + 40, nodes: Self.nodes), depth: depth)
    #expect(span.spans.count == workflowChildren)
    if workflowChildren > 0 {
      #expect(span.spans[1].spans.count == taskNodeChildren, "depth 2 has the node's operations but no attempt spans")
    }
  }

  @Test func runningWorkHasOpenEndedSpans() {
    let running = [
      Self.node("n0", 1, 8, attempts: [Self.attempt(0, 2, 3, nil, 8)]),
      Self.node("n1", 2, 6),
    ]
    let span = ExecutionSpans.workflow(
      ExecutionSpans.Execution(id: Self.id, created: Self.t0, updated: Self.t0 + 8, nodes: running), depth: 3)
    #expect(
      span.spans.map(Self.describe) == ["WORKFLOW_SETUP 0-1", "node:n0 1-8", "node:n1 2-6", "WORKFLOW_TEARDOWN 8-8"])
    #expect(span.spans[1].spans[1].spans.map(Self.describe) == ["TASK_SETUP 2-3", "TASK_RUNTIME 3-8"])
    #expect(span.spans[2].spans.map(Self.describe) == ["NODE_SETUP 2-6"], "not started: all setup")
    let empty = ExecutionSpans.workflow(
      ExecutionSpans.Execution(id: Self.id, created: Self.t0, updated: Self.t0 + 1, nodes: []), depth: 5)
    #expect(empty.spans.map(Self.describe) == ["WORKFLOW_SETUP 0-1"])
  }

  @Test func subgraphNodesNestTheirChildren() {
    let sub = Self.node(
      "n2", 1, 30,
      children: [
        Self.node("n2-0-start-node", 2, 3), Self.node("n2-0-n0", 4, 20, attempts: [Self.attempt(0, 5, 6, 18, 19)]),
      ])
    var withSpec = sub
    withSpec.children[0].execution.metadata.specNodeID = ExecutionSpans.startNode
    let span = ExecutionSpans.node(withSpec, depth: 3)
    #expect(span.spans.map(Self.describe) == ["NODE_SETUP 1-3", "node:n2-0-n0 4-20", "NODE_TEARDOWN 20-30"])
    #expect(span.spans[1].spans.map(Self.describe) == ["NODE_SETUP 4-5", "task:0 5-19", "NODE_TEARDOWN 19-20"])
  }

  @Test func launchPlanNodesHoldTheirChildExecutionsTree() {
    var plan = Self.node("n3", 1, 50)
    var childID = Flyteidl_Core_WorkflowExecutionIdentifier()
    childID.name = "child"
    plan.child = ExecutionSpans.Execution(
      id: childID, created: Self.t0 + 5, updated: Self.t0 + 45,
      nodes: [Self.node("n0", 6, 40, attempts: [Self.attempt(0, 7, 8, 38, 39)])])
    let span = ExecutionSpans.node(plan, depth: 3)
    #expect(span.spans.map(Self.describe) == ["NODE_SETUP 1-5", "workflow:child 5-45", "NODE_TEARDOWN 45-50"])
    #expect(
      span.spans[1].spans.map(Self.describe) == ["WORKFLOW_SETUP 5-6", "node:n0 6-40", "WORKFLOW_TEARDOWN 40-45"])
    #expect(
      span.spans[1].spans[1].spans.map(Self.describe) == ["NODE_SETUP 6-7", "NODE_TEARDOWN 39-40"], "depth runs out")
  }

  @Test func topLevelNodesWaitForTheirUpstreamNodes() {
    // n1 runs after n0 and the start node: its transition starts at the later of the two (n0 at 20).
    let graph = ExecutionSpans.Execution(
      id: Self.id, created: Self.t0, updated: Self.t0 + 40, nodes: Self.nodes,
      graphs: SpanGraph.Set(
        primary: SpanGraph(upstream: ["n0": [ExecutionSpans.startNode], "n1": [ExecutionSpans.startNode, "n0"]])))
    let span = ExecutionSpans.workflow(graph, depth: 1)
    #expect(span.spans[1].spans.map(Self.describe) == ["NODE_TRANSITION 2-3"], "at every depth, as FlyteAdmin")
    #expect(span.spans[2].spans.map(Self.describe) == ["NODE_TRANSITION 20-21"])
    let deep = ExecutionSpans.workflow(graph, depth: 2)
    #expect(
      deep.spans[2].spans.map(Self.describe) == [
        "NODE_TRANSITION 20-21", "NODE_SETUP 21-22", "NODE_IDLE 22-37", "NODE_TEARDOWN 37-38",
      ])
  }

  @Test func nodesInsideASubworkflowWaitForTheirUpstreamNodesToo() {
    var subworkflowID = Flyteidl_Core_Identifier()
    subworkflowID.name = "sub"
    var outer = Flyteidl_Core_Node()
    outer.id = "n0"
    outer.workflowNode.subWorkflowRef = subworkflowID
    var closure = Flyteidl_Core_CompiledWorkflowClosure()
    closure.primary.template.nodes = [outer]
    var sub = Flyteidl_Core_CompiledWorkflow()
    sub.template.id = subworkflowID
    var upstream = Flyteidl_Core_ConnectionSet.IdList()
    upstream.ids = ["s0"]
    sub.connections.upstream["s1"] = upstream
    closure.subWorkflows = [sub]

    let children = [Self.node("s0", 3, 10), Self.node("s1", 12, 20)]
    let execution = ExecutionSpans.Execution(
      id: Self.id, created: Self.t0, updated: Self.t0 + 30, nodes: [Self.node("n0", 1, 25, children: children)],
      graphs: SpanGraph.Set(closure))
    let node = ExecutionSpans.workflow(execution, depth: 3).spans[1]
    let inner = node.spans.filter { $0.nodeID.nodeID.hasPrefix("s") }
    #expect(inner.map { $0.spans.first.map(Self.describe) ?? "" } == ["NODE_SETUP 3-10", "NODE_TRANSITION 10-12"])
  }
}
