import FlyteIDL
import VaneData
import VaneModel

/// Runs a branch node: evaluates the conditions once against the node's inputs, records the
/// leg taken (the others are marked skipped), then runs that leg as a child node whose
/// outputs become the branch node's outputs. An error leg (`.fail(...)`) fails the node.
struct BranchNodeHandler: NodeHandler {
  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    guard case .branchNode(let branch)? = visit.node.target else {
      return .failure(.illegalStateError, "node \(visit.node.id) is not a branch node")
    }
    let legs = Self.legs(of: branch.ifElse)
    if visit.status.branchTaken.isEmpty {
      switch await choose(branch.ifElse, visit: visit, round: round) {
      case .leg(let id):
        visit.status.branchTaken = id
        for leg in legs where leg.id != id {
          var skipped = visit.status.children[leg.id] ?? Vane_NodeStatus()
          executor.skip(leg, scope: Self.legScope(visit, round: round), status: &skipped, round: round)
          visit.status.children[leg.id] = skipped
        }
      case .fail(let error):
        return .failure(error)
      }
    }
    guard let leg = legs.first(where: { $0.id == visit.status.branchTaken }) else {
      return .failure(.downstreamNodeNotFound, "the branch leg \(visit.status.branchTaken) no longer exists")
    }
    var child = visit.status.children[leg.id] ?? Vane_NodeStatus()
    let phase = await executor.advance(
      leg, scope: Self.legScope(visit, round: round), resolver: visit.resolver, status: &child, round: round)
    visit.status.children[leg.id] = child
    if phase.isSuccess {
      return .success(outputs: child.outputsUri.isEmpty ? nil : DataURI(child.outputsUri))
    }
    if phase.isFailure || phase == .aborted { return .failure(child.error) }
    return .running("running leg \(leg.id)")
  }

  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async {
    guard case .branchNode(let branch)? = visit.node.target,
      let leg = Self.legs(of: branch.ifElse).first(where: { $0.id == visit.status.branchTaken }),
      var child = visit.status.children[leg.id]
    else { return }
    await executor.abortNode(
      leg, scope: Self.legScope(visit, round: round), status: &child, reason: reason, round: round)
    visit.status.children[leg.id] = child
  }

  private enum Choice {
    case leg(String)
    case fail(Flyteidl_Core_ExecutionError)
  }

  private func choose(_ ifElse: Flyteidl_Core_IfElseBlock, visit: NodeVisit, round: RoundContext) async -> Choice {
    let inputs: Flyteidl_Core_LiteralMap
    do {
      inputs = try await round.literalMap(at: visit.paths(round.layout).inputs)
    } catch {
      return .fail(.make(.inputsNotFoundError, message: "branch inputs: \(error)", kind: .system))
    }
    do {
      for block in [ifElse.case] + ifElse.other
      where try ConditionEvaluator.evaluate(block.condition, inputs: inputs) {
        return .leg(block.thenNode.id)
      }
    } catch {
      return .fail(.make(.malformedBranchUserError, message: "branch \(visit.node.id): \(error)", kind: .user))
    }
    switch ifElse.default {
    case .elseNode(let node)?:
      return .leg(node.id)
    case .error(let error)?:
      return .fail(.make(.userProvidedError, message: error.message, kind: .user))
    case nil:
      return .fail(
        .make(
          .malformedBranchUserError, message: "no condition of branch \(visit.node.id) held and it has no else",
          kind: .user))
    }
  }

  static func legs(of ifElse: Flyteidl_Core_IfElseBlock) -> [Flyteidl_Core_Node] {
    var legs = [ifElse.case.thenNode] + ifElse.other.map(\.thenNode)
    if case .elseNode(let node)? = ifElse.default { legs.append(node) }
    return legs
  }

  /// Legs keep their data under the branch node's output directory.
  private static func legScope(_ visit: NodeVisit, round: RoundContext) -> NodeScope {
    NodeScope(
      graph: visit.scope.graph, plan: visit.scope.plan, inputs: visit.scope.inputs,
      parent: .init(
        uniqueID: visit.uniqueID, attempt: visit.attempt, outputDirectory: visit.paths(round.layout).outputDirectory),
      executionDirectory: visit.scope.executionDirectory, depth: visit.scope.depth + 1)
  }
}
