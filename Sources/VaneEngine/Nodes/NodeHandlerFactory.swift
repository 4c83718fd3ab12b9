import FlyteIDL

/// Maps a node's kind to its handler. Built once per engine.
struct NodeHandlerFactory: Sendable {
  let task: TaskNodeHandler
  let branch = BranchNodeHandler()
  let subworkflow = SubworkflowNodeHandler()
  let launchPlan = LaunchPlanNodeHandler()
  let gate = GateNodeHandler()
  /// Compiled dynamic subgraphs, shared by every round of this engine.
  let dynamicPlans = DynamicPlanCache()

  func handler(for node: Flyteidl_Core_Node) -> any NodeHandler {
    switch node.target {
    case .taskNode?:
      return DynamicNodeHandler(task: task, plans: dynamicPlans)
    case .branchNode?:
      return branch
    case .workflowNode(let workflow)?:
      if case .subWorkflowRef? = workflow.reference { return subworkflow }
      return launchPlan
    case .gateNode?:
      return gate
    case .arrayNode?:
      return ArrayNodeHandler(plugins: task.plugins)
    case nil:
      return UnsupportedNodeHandler(kind: "empty")
    }
  }
}

/// Node kinds the engine does not run yet: the node fails with a message that says so.
struct UnsupportedNodeHandler: NodeHandler {
  let kind: String

  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    .failure(code: "UnsupportedNode", "\(kind) nodes are not supported by this version of Vane", kind: .system)
  }

  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async {}

  func finalize(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async {}
}
