public import VaneModel

/// One box of an execution's graph: a node of the workflow, or a group standing for many
/// similar nodes (``GraphSummary``).
public struct GraphNode: Sendable, Hashable {
  /// What the box stands for; decides its shape and what opening it shows.
  public enum Kind: String, Sendable, Hashable {
    case start, end, task, branch, subworkflow, launchPlan, gate, array, dynamic, group
  }

  /// The element id: the node's unique id within the execution (what the node panel, the
  /// node table and live updates use), or `group:<first member>` for a group.
  public var id: String
  /// The node's name (its task or subworkflow, shortened) or the group's.
  public var label: String
  public var kind: Kind
  /// The node's own phase; for groups and map tasks, the counts decide the colour.
  public var phase: NodePhase
  /// Items of a map task or members of a group, by phase group.
  public var counts: PhaseCounts?
  /// Whether the node holds a graph that can be shown in place (subworkflow, branch,
  /// dynamic subgraph once it exists).
  public var expandable: Bool
  /// The unique ids a group stands for (empty for a plain node).
  public var members: [String]

  public init(
    id: String, label: String, kind: Kind, phase: NodePhase = .notYetStarted, counts: PhaseCounts? = nil,
    expandable: Bool = false, members: [String] = []
  ) {
    self.id = id
    self.label = label
    self.kind = kind
    self.phase = phase
    self.counts = counts
    self.expandable = expandable
    self.members = members
  }

  /// The colour group shown: the counts' overall group when there are counts.
  public var style: PhaseStyle {
    if let counts, counts.total > 0 { return counts.overall }
    return PhaseStyle(phase)
  }

  /// The second line of the box: counts for groups and map tasks, else the phase name.
  public var detail: String {
    if let counts, counts.total > 0 { return counts.summary }
    switch kind {
    case .start, .end: return ""
    default: return PhaseStyle.name(phase)
    }
  }
}

/// A dependency between two boxes (by element id).
public struct GraphEdge: Sendable, Hashable {
  public var from: String
  public var to: String

  public init(from: String, to: String) {
    self.from = from
    self.to = to
  }
}

/// The boxes and arrows of one scope (the workflow, or what an expanded node holds), with the
/// expanded nodes' own graphs by the expanded node's id.
public struct ExecutionGraph: Sendable, Hashable {
  public var nodes: [GraphNode]
  public var edges: [GraphEdge]
  /// Graphs shown inside expanded nodes, keyed by the node's element id.
  public var expanded: [String: ExecutionGraph]

  public init(nodes: [GraphNode] = [], edges: [GraphEdge] = [], expanded: [String: ExecutionGraph] = [:]) {
    self.nodes = nodes
    self.edges = edges
    self.expanded = expanded
  }

  /// Every box of this graph and the graphs inside it.
  public var allNodes: [GraphNode] {
    nodes + expanded.keys.sorted().flatMap { expanded[$0]!.allNodes }
  }
}
