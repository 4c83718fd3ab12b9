/// Keeps a huge graph readable: many similar nodes become one group box that shows how many
/// members are in each phase (its members are listed in the node table).
///
/// Two shapes are folded, each when at least `minimumGroup` nodes share it:
/// - a fan-out: nodes of the same kind and name with the same upstream and downstream nodes;
/// - a chain: consecutive nodes of the same kind and name, each the only successor of the one
///   before.
///
/// Groups depend only on the graph's shape, never on phases, so a live update lands on the
/// same boxes as the page it updates. Expanded graphs are summarised the same way.
public struct GraphSummary: Sendable {
  /// The fewest similar nodes folded into a group.
  public var minimumGroup: Int

  public init(minimumGroup: Int = 6) {
    self.minimumGroup = max(2, minimumGroup)
  }

  /// The element id of the group whose first member is `member`.
  public static func groupID(firstMember member: String) -> String { "group:" + member }

  /// `graph` with fan-outs and chains folded.
  public func summarise(_ graph: ExecutionGraph) -> ExecutionGraph {
    var result = foldChains(foldFanOuts(graph))
    result.expanded = graph.expanded.mapValues(summarise)
    return result
  }

  struct Shape: Hashable {
    var kind: GraphNode.Kind
    var label: String
    var upstream: [String]
    var downstream: [String]
  }

  static func foldable(_ node: GraphNode, in graph: ExecutionGraph) -> Bool {
    node.kind != .start && node.kind != .end && node.kind != .group && graph.expanded[node.id] == nil
  }

  func foldFanOuts(_ graph: ExecutionGraph) -> ExecutionGraph {
    var upstream: [String: [String]] = [:]
    var downstream: [String: [String]] = [:]
    for edge in graph.edges {
      upstream[edge.to, default: []].append(edge.from)
      downstream[edge.from, default: []].append(edge.to)
    }
    var members: [Shape: [GraphNode]] = [:]
    for node in graph.nodes where Self.foldable(node, in: graph) {
      let shape = Shape(
        kind: node.kind, label: node.label, upstream: (upstream[node.id] ?? []).sorted(),
        downstream: (downstream[node.id] ?? []).sorted())
      members[shape, default: []].append(node)
    }
    var replacement: [String: String] = [:]
    var groups: [String: GraphNode] = [:]
    for (_, nodes) in members where nodes.count >= minimumGroup {
      let group = Self.group(nodes)
      groups[nodes[0].id] = group
      for node in nodes { replacement[node.id] = group.id }
    }
    return Self.replacing(graph, replacement: replacement, groups: groups)
  }

  func foldChains(_ graph: ExecutionGraph) -> ExecutionGraph {
    var upstream: [String: [String]] = [:]
    var downstream: [String: [String]] = [:]
    for edge in graph.edges {
      upstream[edge.to, default: []].append(edge.from)
      downstream[edge.from, default: []].append(edge.to)
    }
    let byID = Dictionary(graph.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    func link(_ a: GraphNode, _ b: GraphNode) -> Bool {
      a.kind == b.kind && a.label == b.label && downstream[a.id]?.count == 1 && upstream[b.id]?.count == 1
        && Self.foldable(a, in: graph) && Self.foldable(b, in: graph)
    }
    var replacement: [String: String] = [:]
    var groups: [String: GraphNode] = [:]
    for node in graph.nodes where Self.foldable(node, in: graph) {
      // A run starts at a node that does not continue the run of its only predecessor.
      if let previous = upstream[node.id].flatMap({ $0.count == 1 ? byID[$0[0]] : nil }), link(previous, node) {
        continue
      }
      var run = [node]
      while let next = downstream[run.last!.id].flatMap({ $0.count == 1 ? byID[$0[0]] : nil }), link(run.last!, next) {
        run.append(next)
      }
      guard run.count >= minimumGroup else { continue }
      let group = Self.group(run)
      groups[run[0].id] = group
      for member in run { replacement[member.id] = group.id }
    }
    return Self.replacing(graph, replacement: replacement, groups: groups)
  }

  static func group(_ nodes: [GraphNode]) -> GraphNode {
    var counts = PhaseCounts()
    for node in nodes { counts.add(node.style) }
    return GraphNode(
      id: groupID(firstMember: nodes[0].id), label: "\(nodes[0].label) ×\(PhaseCounts.grouped(nodes.count))",
      kind: .group, counts: counts, members: nodes.flatMap { $0.members.isEmpty ? [$0.id] : $0.members })
  }

  /// The graph with each replaced node gone, its group in the place of its first member, and
  /// edges redirected to groups (without duplicates or self-loops).
  static func replacing(
    _ graph: ExecutionGraph, replacement: [String: String], groups: [String: GraphNode]
  ) -> ExecutionGraph {
    guard !replacement.isEmpty else { return graph }
    var result = ExecutionGraph(expanded: graph.expanded)
    for node in graph.nodes {
      if let group = groups[node.id] {
        result.nodes.append(group)
      } else if replacement[node.id] == nil {
        result.nodes.append(node)
      }
    }
    var seen: Set<GraphEdge> = []
    for edge in graph.edges {
      let mapped = GraphEdge(from: replacement[edge.from] ?? edge.from, to: replacement[edge.to] ?? edge.to)
      guard mapped.from != mapped.to, seen.insert(mapped).inserted else { continue }
      result.edges.append(mapped)
    }
    return result
  }
}
