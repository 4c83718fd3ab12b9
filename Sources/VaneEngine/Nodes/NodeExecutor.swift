import FlyteIDL
import VaneData
import VaneModel

/// Walks a scope's nodes in dependency order once per round: starts nodes whose upstream nodes
/// all succeeded (skips them when an upstream node was skipped), advances running ones through
/// their handlers, applies the failure policy, and resolves the scope's outputs when every
/// node is done. A round whose budget is spent starts no more nodes (see `RoundLimits`).
/// Logic only: it changes the status it is given and records events; the round writes the
/// status.
struct NodeExecutor: Sendable {
  let handlers: NodeHandlerFactory
  /// Reads the execution a recovery copies succeeded nodes from (`spec.recover_from`).
  let launcher: any ExecutionLauncher

  /// Advances every node of `scope` that can move; `statuses` is the scope's node-status map.
  func execute(
    _ scope: NodeScope, statuses: inout [String: Vane_NodeStatus], round: RoundContext
  ) async
    -> ScopeOutcome
  {
    let state = ScopeState(statuses)
    statuses = [:]  // the state owns the only reference while the pass mutates it
    defer { statuses = state.statuses }
    let resolver = state.resolver(for: scope, round: round)
    var failure: Flyteidl_Core_ExecutionError?
    var active = false
    for id in scope.graph.order {
      guard let node = scope.graph.nodes[id] else { continue }
      var status = state.statuses[id] ?? Vane_NodeStatus()
      var phase = NodePhase(stored: status.phase)
      if phase.isTerminal {
        if phase.isFailure || phase == .aborted, failure == nil { failure = status.error }
        continue
      }
      switch readiness(of: id, in: scope, statuses: state.statuses) {
      case .blocked:
        continue
      case .skipped:
        skip(node, scope: scope, status: &status, round: round)
        state.statuses[id] = status
        continue
      case .ready:
        break
      }
      if failure != nil, scope.failurePolicy == .failImmediately {
        // As FlytePropeller: after a failure nothing more starts or advances; whatever runs
        // is stopped below.
        if phase != .notYetStarted { active = true }
        continue
      }
      if phase == .notYetStarted, !round.mayStartNode() {
        // The round's budget is spent (`RoundLimits`): the node starts in the next round, which
        // is asked for at once. Started nodes are still visited, so none waits on another.
        active = true
        continue
      }
      phase = await advance(node, scope: scope, resolver: resolver, status: &status, round: round)
      state.statuses[id] = status
      if phase.isFailure || phase == .aborted, failure == nil { failure = status.error }
      if !phase.isTerminal { active = true }
    }
    if let failure {
      if scope.failurePolicy == .failImmediately && active {
        await abort(scope, statuses: &state.statuses, reason: "another node failed: \(failure.message)", round: round)
        active = false
      }
      return active ? .running : .failed(failure)
    }
    if active { return .running }
    do {
      return .succeeded(try await resolver.resolve(scope.graph.template.outputs))
    } catch {
      return .failed(
        .make(
          .outputsNotFoundError, message: "outputs of \(scope.graph.template.id.name): \(error)", kind: .system))
    }
  }

  private enum Readiness { case ready, blocked, skipped }

  /// Ready when every upstream node succeeded; skipped when one was skipped and the rest are
  /// done; blocked otherwise.
  private func readiness(of id: String, in scope: NodeScope, statuses: [String: Vane_NodeStatus]) -> Readiness {
    var skipped = false
    for upstream in scope.graph.upstream[id] ?? [] {
      let phase = NodePhase(stored: statuses[upstream]?.phase ?? 0)
      if phase.isSuccess { continue }
      if phase == .skipped {
        skipped = true
        continue
      }
      return .blocked
    }
    return skipped ? .skipped : .ready
  }
}
