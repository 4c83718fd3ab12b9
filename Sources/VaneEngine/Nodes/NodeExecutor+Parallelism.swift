import FlyteIDL
import VaneModel

extension NodeExecutor {
  /// Executable nodes (task, array, launch plan) that are started and unfinished anywhere in
  /// `scope`, including inside subworkflows and branch legs: what `max_parallelism` counts.
  func activeExecutableCount(_ scope: NodeScope, statuses: [String: Vane_NodeStatus], plan: ExecutionPlan) -> Int {
    var count = 0
    for (id, status) in statuses {
      guard let node = scope.graph.nodes[id] else { continue }
      count += active(node, status: status, plan: plan)
    }
    return count
  }

  private func active(_ node: Flyteidl_Core_Node, status: Vane_NodeStatus, plan: ExecutionPlan) -> Int {
    let phase = NodePhase(stored: status.phase)
    guard phase != .notYetStarted, !phase.isTerminal else { return 0 }
    switch node.target {
    case .workflowNode(let workflow)?:
      guard case .subWorkflowRef(let id)? = workflow.reference else { return 1 }
      guard let graph = plan.subWorkflow(id) else { return 0 }
      return status.children.reduce(0) { sum, entry in
        sum + (graph.nodes[entry.key].map { active($0, status: entry.value, plan: plan) } ?? 0)
      }
    case .branchNode(let branch)?:
      let legs = BranchNodeHandler.legs(of: branch.ifElse)
      return status.children.reduce(0) { sum, entry in
        sum + (legs.first { $0.id == entry.key }.map { active($0, status: entry.value, plan: plan) } ?? 0)
      }
    case .taskNode? where !status.dynamicClosureUri.isEmpty:
      return DynamicNodeHandler.activeChildren(status)
    default:
      return Self.isExecutable(node) ? 1 : 0
    }
  }
}
