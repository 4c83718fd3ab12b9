import FlyteIDL
import VaneData
import VaneModel

/// Runs every task node, and turns it into a dynamic node when its task returns a subgraph
/// (`futures.pb`) instead of outputs — the task handler decorated, as in FlytePropeller.
///
///     task ─▶ (the task handler runs the attempt) ─▶ outputs.pb ──────────────────────────────▶ success
///                                                 └▶ futures.pb ─▶ compiling ─▶ compile, store ─▶ executing
///     executing ─▶ the subgraph's nodes run as children (DynamicRunning)
///               ─▶ all done: the subgraph's output bindings become the node's outputs.pb
///
/// The compiled subgraph is stored next to `futures.pb` and its URI kept in the status, so a
/// restarted engine continues the children without asking the task again. A child that
/// fails fails the node for good (children have their own retries).
struct DynamicNodeHandler: NodeHandler {
  let task: TaskNodeHandler
  /// Compiled subgraphs, shared by every round of the engine.
  let plans: DynamicPlanCache

  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    switch DynamicPhase(stored: visit.status.dynamicPhase) {
    case .executing: return await runSubgraph(&visit, round: round, executor: executor)
    case .compiling: return await compileSubgraph(&visit, round: round, executor: executor)
    case .task: break
    }
    let verdict = await task.handle(&visit, round: round, executor: executor)
    guard case .success(outputs: nil) = verdict.kind, case .taskNode = visit.node.target else { return verdict }
    do {
      guard try await round.dataStore.exists(visit.paths(round.layout).futures) else { return verdict }
    } catch {
      return .afterReadFailure(error) {
        .retryableFailure(.storageError, "cannot look for the dynamic subgraph: \(error)")
      }
    }
    // Commit the task's end first; the subgraph is compiled in the next round, at once.
    visit.status.dynamicPhase = DynamicPhase.compiling.rawValue
    return .running("the dynamic subgraph is compiled next", wakeUpAfter: .zero)
  }

  private func compileSubgraph(
    _ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor
  ) async -> HandlerVerdict {
    guard case .taskNode(let taskNode)? = visit.node.target, let template = visit.scope.plan.task(taskNode.referenceID)
    else {
      return .failure(.malformedDynamicWorkflow, "dynamic node \(visit.uniqueID) names no task")
    }
    switch await DynamicCompilation.compile(visit, task: template, round: round, cache: plans) {
    case .failed(let failure):
      return failure
    case .compiled(_, let closureURI):
      // The task's part is over: free what its attempt held before the children start.
      await task.finalize(&visit, round: round, executor: executor)
      visit.status.dynamicClosureUri = closureURI.rawValue
      visit.status.dynamicPhase = DynamicPhase.executing.rawValue
      return await runSubgraph(&visit, round: round, executor: executor)
    }
  }

  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async {
    let phase = DynamicPhase(stored: visit.status.dynamicPhase)
    // Compiling: the task's attempt ended and nothing of the subgraph runs yet.
    if phase == .compiling { return }
    guard phase == .executing else {
      await task.abort(&visit, reason: reason, round: round, executor: executor)
      return
    }
    guard case .success(let scope) = await scope(of: visit, round: round) else { return }
    await ChildScopeRunner.abort(scope, visit: &visit, reason: reason, round: round, executor: executor)
  }

  func finalize(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async {
    await task.finalize(&visit, round: round, executor: executor)
  }

  private func runSubgraph(
    _ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor
  ) async -> HandlerVerdict {
    switch await scope(of: visit, round: round) {
    case .success(let scope):
      return await ChildScopeRunner.run(
        scope, visit: &visit, round: round, executor: executor,
        running: .dynamicRunning("running \(scope.graph.nodes.count) dynamic nodes"))
    case .failure(let lookup):
      return lookup.verdict
    }
  }

  /// The subgraph as a nested scope: the stored plan, the node's inputs as its inputs, its
  /// children under the node's output directory.
  private func scope(of visit: NodeVisit, round: RoundContext) async -> Result<NodeScope, VerdictError> {
    let uri = DataURI(visit.status.dynamicClosureUri)
    let plan: ExecutionPlan
    do {
      plan = try await plans.plan(at: uri, dataStore: round.dataStore)
    } catch {
      // While the store is out the subgraph is waited for, not given up on.
      return .failure(
        VerdictError(
          .afterReadFailure(error, dynamic: true) {
            .failure(.storageError, "the compiled subgraph of node \(visit.uniqueID) at \(uri): \(error)")
          }))
    }
    return await ChildScopeRunner.scope(plan.primary, plan: plan, in: visit, round: round, dynamic: true)
  }
}

extension DynamicNodeHandler {
  /// Started, unfinished nodes at the leaves of a dynamic node's children (nested scopes are
  /// walked): what the node counts against `max_parallelism` while its subgraph runs. Read
  /// from the status alone, so a count never needs the stored subgraph.
  static func activeChildren(_ status: Vane_NodeStatus) -> Int {
    status.children.values.reduce(0) { sum, child in
      let phase = NodePhase(stored: child.phase)
      guard phase != .notYetStarted, !phase.isTerminal else { return sum }
      return sum + (child.children.isEmpty ? 1 : activeChildren(child))
    }
  }
}
