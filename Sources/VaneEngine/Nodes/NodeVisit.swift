import FlyteIDL
import VaneData
import VaneModel

/// One node being visited in a round: the node, where it sits, and its status, which the
/// handler may change (plugin state, children, branch choice).
struct NodeVisit {
  let node: Flyteidl_Core_Node
  let uniqueID: String
  let scope: NodeScope
  /// Resolves bindings against the scope the node's inputs come from (for branch legs, the
  /// scope of the branch node).
  let resolver: BindingResolver
  var status: Vane_NodeStatus

  /// The current attempt, 0-based.
  var attempt: UInt32 { status.attempts > 0 ? status.attempts - 1 : 0 }

  /// The node's data paths for the current attempt.
  func paths(_ layout: DataLayout) -> NodeDataPaths {
    scope.paths(of: node.id, attempt: attempt, layout: layout)
  }

  /// A short name for progress output: the task, subworkflow or launch plan it runs.
  var displayName: String {
    switch node.target {
    case .taskNode(let task)?: return task.referenceID.name
    case .workflowNode(let workflow)?:
      switch workflow.reference {
      case .launchplanRef(let id)?: return id.name
      case .subWorkflowRef(let id)?: return id.name
      case nil: return node.id
      }
    case .branchNode?: return node.metadata.name.isEmpty ? "branch" : node.metadata.name
    case .gateNode?: return node.metadata.name.isEmpty ? "gate" : "gate " + node.metadata.name
    case .arrayNode?: return "map " + (node.metadata.name.isEmpty ? node.id : node.metadata.name)
    case nil: return node.id
    }
  }
}
