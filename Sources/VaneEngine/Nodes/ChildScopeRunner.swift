import FlyteIDL
import VaneData
import VaneModel

/// Runs a graph nested in a node as a scope of its own — an inline subworkflow, or the
/// subgraph a dynamic task returned — for the subworkflow and dynamic handlers alike:
///
///     the node's inputs.pb ─▶ the scope's inputs (its start node)
///     the scope's nodes    ─▶ the node's children (status), their data under its output dir
///     scope running ───────▶ running
///     scope failed ────────▶ failure with the failing child's error (children retry themselves)
///     scope succeeded ─────▶ its output bindings written as the node's outputs.pb ─▶ success
enum ChildScopeRunner {
  /// The scope of `graph` (resolved in `plan`) nested in `visit`'s node, or the verdict of a
  /// node whose inputs cannot be read (while the store is unavailable: keep waiting, in the
  /// dynamic node's subgraph phase when `dynamic`).
  static func scope(
    _ graph: WorkflowGraph, plan: ExecutionPlan, in visit: NodeVisit, round: RoundContext, dynamic: Bool = false
  ) async -> Result<NodeScope, VerdictError> {
    let paths = visit.paths(round.layout)
    do {
      let inputs = try await round.literalMap(at: paths.inputs)
      return .success(
        NodeScope(
          graph: graph, plan: plan, inputs: inputs,
          parent: .init(uniqueID: visit.uniqueID, attempt: visit.attempt, outputDirectory: paths.outputDirectory),
          executionDirectory: visit.scope.executionDirectory, depth: visit.scope.depth + 1))
    } catch {
      return .failure(
        VerdictError(
          .afterReadFailure(error, dynamic: dynamic) { .retryableFailure(.inputsNotFoundError, "\(error)") }))
    }
  }

  /// Advances the nodes of `scope`, kept in `visit.status.children`; returns `running` while
  /// they run, and the node's verdict once they ended.
  static func run(
    _ scope: NodeScope, visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor,
    running: HandlerVerdict
  ) async -> HandlerVerdict {
    var children = visit.status.children
    let outcome = await executor.execute(scope, statuses: &children, round: round)
    visit.status.children = children
    switch outcome {
    case .running:
      return running
    case .failed(let error):
      return .failure(error)
    case .succeeded(let outputs):
      let uri = visit.paths(round.layout).outputs
      do {
        try await round.write(outputs, to: uri)
      } catch {
        return .retryableFailure(.writeOutputsFailed, "\(error)")
      }
      return .success(outputs: uri)
    }
  }

  /// Stops every started, unfinished node of `scope`.
  static func abort(
    _ scope: NodeScope, visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor
  ) async {
    await executor.abort(scope, statuses: &visit.status.children, reason: reason, round: round)
  }
}
