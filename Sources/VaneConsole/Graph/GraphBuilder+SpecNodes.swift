public import FlyteIDL
public import VaneModel

extension GraphBuilder {
  /// The workflow node behind each unique id, nested nodes included (subworkflows, branch
  /// legs, the dynamic subgraphs given): what the node panel reads a gate's signal, a
  /// launch plan or a task from.
  public func specNodes(status: Vane_ExecutionStatus?) -> [String: Flyteidl_Core_Node] {
    var found: [String: Flyteidl_Core_Node] = [:]
    collect(workflow: closure.primary, statuses: status?.nodes ?? [:], scope: Scope(), depth: 0, into: &found)
    return found
  }

  func collect(
    workflow: Flyteidl_Core_CompiledWorkflow, statuses: [String: Vane_NodeStatus], scope: Scope, depth: Int,
    into found: inout [String: Flyteidl_Core_Node]
  ) {
    var nodes = workflow.template.nodes
    if workflow.template.hasFailureNode { nodes.append(workflow.template.failureNode) }
    for node in nodes {
      let id = scope.uniqueID(node.id)
      found[id] = node
      guard depth < Self.maximumDepth else { continue }
      let status = statuses[node.id]
      let inner = Scope(parentUniqueID: id, parentAttempt: max(1, status?.attempts ?? 1) - 1)
      let children = status?.children ?? [:]
      switch node.target {
      case .workflowNode(let call)?:
        if case .subWorkflowRef(let ref)? = call.reference,
          let sub = closure.subWorkflows.first(where: { $0.template.id == ref })
        {
          collect(workflow: sub, statuses: children, scope: inner, depth: depth + 1, into: &found)
        }
      case .branchNode(let branch)?:
        var legs = branch.ifElse.other.map(\.thenNode)
        if branch.ifElse.hasCase { legs.insert(branch.ifElse.case.thenNode, at: 0) }
        if case .elseNode(let other)? = branch.ifElse.default { legs.append(other) }
        for leg in legs { found[inner.uniqueID(leg.id)] = leg }
      case .taskNode?:
        if let dynamic = dynamicClosures[id] {
          var nested = self
          nested.closure = dynamic
          nested.collect(workflow: dynamic.primary, statuses: children, scope: inner, depth: depth + 1, into: &found)
        }
      default:
        break
      }
    }
  }
}
