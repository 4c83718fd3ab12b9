import FlyteIDL
import VaneData
import VaneModel

/// Runs an inline subworkflow: its nodes execute as a nested scope stored in the node's
/// children, with the node's inputs as the subworkflow's inputs; the subworkflow's outputs are
/// written as the node's outputs.
struct SubworkflowNodeHandler: NodeHandler {
  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    let scope: NodeScope
    switch await self.scope(of: visit, round: round) {
    case .success(let found): scope = found
    case .failure(let verdict): return verdict
    }
    var children = visit.status.children
    let outcome = await executor.execute(scope, statuses: &children, round: round)
    visit.status.children = children
    switch outcome {
    case .running:
      return .running()
    case .failed(let error):
      return .failure(error)
    case .succeeded(let outputs):
      let uri = visit.paths(round.layout).outputs
      do {
        try await round.write(outputs, to: uri)
      } catch {
        return .retryableFailure(.make(code: "OutputsNotWritten", message: "\(error)", kind: .system))
      }
      return .success(outputs: uri)
    }
  }

  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async {
    guard case .success(let scope) = await scope(of: visit, round: round) else { return }
    await executor.abort(scope, statuses: &visit.status.children, reason: reason, round: round)
  }

  func finalize(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async {}

  private enum Lookup {
    case success(NodeScope)
    case failure(HandlerVerdict)
  }

  private func scope(of visit: NodeVisit, round: RoundContext) async -> Lookup {
    guard case .workflowNode(let node)? = visit.node.target, case .subWorkflowRef(let id)? = node.reference,
      let graph = visit.scope.plan.subWorkflow(id)
    else {
      return .failure(
        .failure(code: "SubworkflowNotFound", "the subworkflow of node \(visit.node.id) is not in the closure"))
    }
    let paths = visit.paths(round.layout)
    do {
      let inputs = try await round.literalMap(at: paths.inputs)
      return .success(
        NodeScope(
          graph: graph, plan: visit.scope.plan, inputs: inputs,
          parent: .init(uniqueID: visit.uniqueID, attempt: visit.attempt, outputDirectory: paths.outputDirectory),
          executionDirectory: visit.scope.executionDirectory))
    } catch {
      return .failure(.retryableFailure(.make(code: "InputsNotFound", message: "\(error)", kind: .system)))
    }
  }
}
