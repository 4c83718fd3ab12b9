public import FlyteIDL

/// One compiled workflow prepared for execution: nodes by id, upstream and downstream ids,
/// and an order in which every node comes after all of its upstream nodes.
public struct WorkflowGraph: Sendable {
  /// The reserved ids of the start and end nodes.
  public static let startNode = "start-node"
  public static let endNode = "end-node"

  public let template: Flyteidl_Core_WorkflowTemplate
  /// Nodes other than start and end, by id.
  public let nodes: [String: Flyteidl_Core_Node]
  /// Node ids (start and end excluded) in topological order; ties keep template order.
  public let order: [String]
  public let upstream: [String: [String]]
  public let downstream: [String: [String]]

  /// Prepares a compiled workflow. Connections come from the compiler; nodes whose upstream
  /// ids are missing from the connections fall back to their `upstream_node_ids`.
  public init(_ compiled: Flyteidl_Core_CompiledWorkflow) {
    self.init(template: compiled.template, connections: compiled.connections)
  }

  public init(template: Flyteidl_Core_WorkflowTemplate, connections: Flyteidl_Core_ConnectionSet) {
    self.template = template
    var nodes: [String: Flyteidl_Core_Node] = [:]
    var legOwner: [String: String] = [:]
    for node in template.nodes where node.id != Self.startNode && node.id != Self.endNode {
      nodes[node.id] = node
      Self.collectLegs(of: node, owner: node.id, into: &legOwner)
    }
    // Connections may name branch legs; a leg is done when its branch node is.
    func owners(_ ids: [String], of node: String) -> [String] {
      var seen = Set<String>()
      return ids.compactMap { id in
        let owner = nodes[id] != nil ? id : legOwner[id]
        guard let owner, owner != node, seen.insert(owner).inserted else { return nil }
        return owner
      }
    }
    // A branch node also waits for whatever its legs read: the compiler files those
    // connections under the legs' ids.
    var legsOf: [String: [String]] = [:]
    for (leg, owner) in legOwner { legsOf[owner, default: []].append(leg) }
    var upstream: [String: [String]] = [:]
    for (id, node) in nodes {
      var ids = connections.upstream[id]?.ids ?? node.upstreamNodeIds
      for leg in (legsOf[id] ?? []).sorted() { ids += connections.upstream[leg]?.ids ?? [] }
      upstream[id] = owners(ids, of: id)
    }
    upstream[Self.endNode] = owners(connections.upstream[Self.endNode]?.ids ?? [], of: Self.endNode)
    var downstream: [String: [String]] = [:]
    for (node, ups) in upstream {
      for up in ups { downstream[up, default: []].append(node) }
    }
    self.nodes = nodes
    self.upstream = upstream
    self.downstream = downstream
    self.order = Self.topologicalOrder(template.nodes.map(\.id).filter { nodes[$0] != nil }, upstream: upstream)
  }

  private static func collectLegs(of node: Flyteidl_Core_Node, owner: String, into owners: inout [String: String]) {
    guard case .branchNode(let branch)? = node.target else { return }
    var legs = [branch.ifElse.case.thenNode] + branch.ifElse.other.map(\.thenNode)
    if case .elseNode(let elseNode)? = branch.ifElse.default { legs.append(elseNode) }
    for leg in legs {
      owners[leg.id] = owner
      collectLegs(of: leg, owner: owner, into: &owners)
    }
  }

  /// Depth-first post-order over upstream edges, visiting nodes in template order: linear,
  /// stable, and iterative so deep chains cannot overflow the stack. Nodes on a cycle (the
  /// compiler rejects those) still appear once.
  private static func topologicalOrder(_ ids: [String], upstream: [String: [String]]) -> [String] {
    var state: [String: Bool] = [:]  // false: on the stack, true: placed
    var result: [String] = []
    result.reserveCapacity(ids.count)
    let known = Set(ids)
    for root in ids where state[root] == nil {
      var stack: [(id: String, next: Int)] = [(root, 0)]
      state[root] = false
      while let top = stack.last {
        let ups = upstream[top.id] ?? []
        if top.next < ups.count {
          stack[stack.count - 1].next += 1
          let up = ups[top.next]
          if known.contains(up) && state[up] == nil {
            state[up] = false
            stack.append((up, 0))
          }
        } else {
          stack.removeLast()
          state[top.id] = true
          result.append(top.id)
        }
      }
    }
    return result
  }
}
