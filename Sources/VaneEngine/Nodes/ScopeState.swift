import FlyteIDL
import VaneData
import VaneModel

/// The node statuses of one scope while a pass works on them, shared by reference with the
/// binding resolver so it always sees the outputs of nodes finished earlier in the same pass.
final class ScopeState {
  var statuses: [String: Vane_NodeStatus]

  init(_ statuses: [String: Vane_NodeStatus]) {
    self.statuses = statuses
  }

  /// A resolver for bindings of nodes in `scope`: `start-node` gives the scope's inputs, any
  /// other node its stored outputs.
  func resolver(for scope: NodeScope, round: RoundContext) -> BindingResolver {
    let inputs = scope.inputs
    return BindingResolver { [self] nodeID throws(BindingError) in
      if nodeID == WorkflowGraph.startNode { return inputs }
      guard let uri = statuses[nodeID]?.outputsUri, !uri.isEmpty else {
        throw BindingError(.outputNotFound, input: nodeID, "node \(nodeID) has no outputs yet")
      }
      do {
        return try await round.literalMap(at: DataURI(uri))
      } catch {
        throw BindingError(.outputNotFound, input: nodeID, "cannot read the outputs of node \(nodeID): \(error)")
      }
    }
  }
}
