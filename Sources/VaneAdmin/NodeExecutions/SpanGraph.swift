import FlyteIDL

/// One graph of an execution as the span tree needs it: each node's upstream nodes (spec node
/// id → ids), for NODE_TRANSITION, and the nodes themselves, to find the graph a node's children
/// run in. `SpanGraph.Set` holds the primary graph and every subworkflow's, from the compiled
/// closure, so transitions are drawn at every level a compiled graph exists for: top level,
/// subworkflows (their connections) and branches (a branch's chosen node has no upstream
/// inside the branch). Dynamic subgraphs are compiled at run time and not at hand here.
struct SpanGraph: Sendable {
  var upstream: [String: [String]] = [:]
  var nodes: [String: Flyteidl_Core_Node] = [:]

  init(upstream: [String: [String]] = [:], nodes: [String: Flyteidl_Core_Node] = [:]) {
    self.upstream = upstream
    self.nodes = nodes
  }

  init(_ workflow: Flyteidl_Core_CompiledWorkflow) {
    upstream = workflow.connections.upstream.mapValues(\.ids)
    nodes = Dictionary(workflow.template.nodes.map { ($0.id, $0) }) { first, _ in first }
  }

  /// The graphs of a compiled closure: the primary one and each subworkflow's by its id.
  struct Set: Sendable {
    var primary: SpanGraph
    var subworkflows: [String: SpanGraph]

    init(primary: SpanGraph = SpanGraph(), subworkflows: [String: SpanGraph] = [:]) {
      self.primary = primary
      self.subworkflows = subworkflows
    }

    init(_ closure: Flyteidl_Core_CompiledWorkflowClosure) {
      primary = SpanGraph(closure.primary)
      subworkflows = Dictionary(
        closure.subWorkflows.map { (Self.key($0.template.id), SpanGraph($0)) }
      ) { first, _ in first }
    }

    /// The graph the children of `node` (a node of some graph of this set) run in: its
    /// subworkflow's, or for a branch node the nodes of its branches with no connections.
    func inner(of node: Flyteidl_Core_Node?) -> SpanGraph? {
      switch node?.target {
      case .workflowNode(let workflow)?:
        guard case .subWorkflowRef(let id)? = workflow.reference else { return nil }
        return subworkflows[Self.key(id)]
      case .branchNode(let branch)?:
        let blocks = branch.ifElse
        var nodes = [blocks.case.thenNode] + blocks.other.map(\.thenNode)
        if case .elseNode(let otherwise)? = blocks.default { nodes.append(otherwise) }
        return SpanGraph(nodes: Dictionary(nodes.map { ($0.id, $0) }) { first, _ in first })
      default:
        return nil
      }
    }

    static func key(_ id: Flyteidl_Core_Identifier) -> String {
      "\(id.project)/\(id.domain)/\(id.name)/\(id.version)"
    }
  }
}
