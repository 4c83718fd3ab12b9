import FlyteIDL
import VaneData
import VaneModel

/// Runs an inline subworkflow: its nodes execute as a nested scope stored in the node's
/// children, with the node's inputs as the subworkflow's inputs; the subworkflow's outputs are
/// written as the node's outputs (see `ChildScopeRunner`).
struct SubworkflowNodeHandler: NodeHandler {
  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    switch await scope(of: visit, round: round) {
    case .success(let scope):
      return await ChildScopeRunner.run(scope, visit: &visit, round: round, executor: executor, running: .running())
    case .failure(let lookup):
      return lookup.verdict
    }
  }

  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async {
    guard case .success(let scope) = await scope(of: visit, round: round) else { return }
    await ChildScopeRunner.abort(scope, visit: &visit, reason: reason, round: round, executor: executor)
  }

  private func scope(of visit: NodeVisit, round: RoundContext) async -> Result<NodeScope, VerdictError> {
    guard case .workflowNode(let node)? = visit.node.target, case .subWorkflowRef(let id)? = node.reference,
      let graph = visit.scope.plan.subWorkflow(id)
    else {
      return .failure(
        VerdictError(
          .failure(.badSpecificationError, "the subworkflow of node \(visit.node.id) is not in the closure")))
    }
    return await ChildScopeRunner.scope(graph, plan: visit.scope.plan, in: visit, round: round)
  }
}
