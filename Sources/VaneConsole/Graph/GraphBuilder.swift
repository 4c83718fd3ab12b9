public import FlyteIDL
import Foundation
import VaneData
public import VaneModel

/// Builds an execution's graph from its compiled workflow and the engine's status: one box
/// per node coloured by its phase, map tasks with counts per phase, and — for the nodes the
/// viewer expanded — the graph a subworkflow, branch or dynamic node holds, nested in place.
///
/// The graph's shape depends only on the workflow (and on which dynamic subgraphs exist), not
/// on phases, so its layout can be cached while colours change.
public struct GraphBuilder: Sendable {
  /// The compiled workflow the execution runs (for subworkflow references).
  public var closure: Flyteidl_Core_CompiledWorkflowClosure
  /// Element ids of the nodes to show expanded.
  public var expanded: Set<String>
  /// Compiled subgraphs of dynamic nodes, by the dynamic node's unique id.
  public var dynamicClosures: [String: Flyteidl_Core_CompiledWorkflowClosure]
  /// Expand every node that can be (for the node table, which lists nested nodes too).
  public var expandsAll: Bool

  public init(
    closure: Flyteidl_Core_CompiledWorkflowClosure, expanded: Set<String> = [],
    dynamicClosures: [String: Flyteidl_Core_CompiledWorkflowClosure] = [:], expandsAll: Bool = false
  ) {
    self.closure = closure
    self.expanded = expanded
    self.dynamicClosures = dynamicClosures
    self.expandsAll = expandsAll
  }

  /// Where a scope's node ids come from: the unique id and attempt of the node that owns it.
  struct Scope {
    var parentUniqueID: String?
    var parentAttempt: UInt32?

    func uniqueID(_ nodeID: String) -> String {
      guard let parentUniqueID else { return nodeID }
      return UniqueID.node(nodeID, parentUniqueID: parentUniqueID, parentAttempt: parentAttempt)
    }
  }

  /// The top-level graph with `status` (nil before the engine wrote one).
  public func graph(status: Vane_ExecutionStatus?) -> ExecutionGraph {
    graph(workflow: closure.primary, statuses: status?.nodes ?? [:], scope: Scope(), depth: 0)
  }

  /// How deep expansions nest, so a recursive structure cannot blow the stack.
  static let maximumDepth = 8

  func graph(
    workflow: Flyteidl_Core_CompiledWorkflow, statuses: [String: Vane_NodeStatus], scope: Scope, depth: Int
  ) -> ExecutionGraph {
    var graph = ExecutionGraph()
    let template = workflow.template
    var known: Set<String> = []
    var nodes = template.nodes
    if template.hasFailureNode { nodes.append(template.failureNode) }
    for node in nodes {
      let id = scope.uniqueID(node.id)
      known.insert(node.id)
      let status = statuses[node.id]
      var box = box(for: node, id: id, status: status)
      box.expandable = box.expandable && depth < Self.maximumDepth
      if box.expandable, expandsAll || expanded.contains(id),
        let inner = innerGraph(of: node, id: id, status: status, depth: depth)
      {
        graph.expanded[id] = inner
      }
      graph.nodes.append(box)
    }
    for node in template.nodes {
      for upstream in workflow.connections.upstream[node.id]?.ids ?? [] where known.contains(upstream) {
        graph.edges.append(GraphEdge(from: scope.uniqueID(upstream), to: scope.uniqueID(node.id)))
      }
    }
    return graph
  }

  func box(for node: Flyteidl_Core_Node, id: String, status: Vane_NodeStatus?) -> GraphNode {
    let phase = NodePhase(stored: status?.phase ?? 0)
    switch node.id {
    case "start-node": return GraphNode(id: id, label: "start", kind: .start, phase: .succeeded)
    case "end-node": return GraphNode(id: id, label: "end", kind: .end, phase: phase)
    default: break
    }
    let label = Self.label(node)
    switch node.target {
    case .taskNode?:
      let dynamic = !(status?.dynamicClosureUri.isEmpty ?? true)
      return GraphNode(id: id, label: label, kind: dynamic ? .dynamic : .task, phase: phase, expandable: dynamic)
    case .workflowNode(let workflow)?:
      if case .launchplanRef? = workflow.reference {
        return GraphNode(id: id, label: label, kind: .launchPlan, phase: phase)
      }
      return GraphNode(id: id, label: label, kind: .subworkflow, phase: phase, expandable: true)
    case .branchNode?:
      return GraphNode(id: id, label: label, kind: .branch, phase: phase, expandable: true)
    case .gateNode?:
      return GraphNode(id: id, label: label, kind: .gate, phase: phase)
    case .arrayNode?:
      return GraphNode(id: id, label: label, kind: .array, phase: phase, counts: status.map(Self.itemCounts))
    case nil:
      return GraphNode(id: id, label: label, kind: .task, phase: phase)
    }
  }

  func innerGraph(
    of node: Flyteidl_Core_Node, id: String, status: Vane_NodeStatus?, depth: Int
  ) -> ExecutionGraph? {
    let scope = Scope(parentUniqueID: id, parentAttempt: max(1, status?.attempts ?? 1) - 1)
    let children = status?.children ?? [:]
    switch node.target {
    case .workflowNode(let workflow)?:
      guard case .subWorkflowRef(let ref)? = workflow.reference,
        let sub = closure.subWorkflows.first(where: { $0.template.id == ref })
      else { return nil }
      return graph(workflow: sub, statuses: children, scope: scope, depth: depth + 1)
    case .branchNode(let branch)?:
      var legs = branch.ifElse.other.map(\.thenNode)
      if branch.ifElse.hasCase { legs.insert(branch.ifElse.case.thenNode, at: 0) }
      if case .elseNode(let other)? = branch.ifElse.default { legs.append(other) }
      var graph = ExecutionGraph()
      for leg in legs {
        let legID = scope.uniqueID(leg.id)
        graph.nodes.append(box(for: leg, id: legID, status: children[leg.id]))
      }
      return graph
    case .taskNode?:
      guard let dynamic = dynamicClosures[id] else { return nil }
      var nested = self
      nested.closure = dynamic
      return nested.graph(workflow: dynamic.primary, statuses: children, scope: scope, depth: depth + 1)
    default:
      return nil
    }
  }

  /// The node's name as people know it: its metadata name, else what it runs, without the
  /// module path (`wf.train` → `train`).
  static func label(_ node: Flyteidl_Core_Node) -> String {
    var name = node.metadata.name
    if name.isEmpty {
      switch node.target {
      case .taskNode(let task)?: name = task.referenceID.name
      case .workflowNode(let workflow)?:
        switch workflow.reference {
        case .launchplanRef(let id)?: name = id.name
        case .subWorkflowRef(let id)?: name = id.name
        case nil: name = node.id
        }
      case .gateNode?: name = "gate"
      default: name = node.id
      }
    }
    if name.isEmpty { name = node.id }
    return name.split(separator: ".").last.map(String.init) ?? name
  }

  /// Counts per phase group of a map task's items (one byte per item in the status).
  static func itemCounts(_ status: Vane_NodeStatus) -> PhaseCounts {
    var counts = PhaseCounts()
    guard status.hasArray else { return counts }
    var tally = [Int](repeating: 0, count: 256)
    for byte in status.array.phases { tally[Int(byte)] += 1 }
    for (raw, count) in tally.enumerated() where count > 0 {
      counts.add(PhaseStyle(NodePhase(stored: Int32(raw))), count: count)
    }
    return counts
  }
}
