public import FlyteIDL
public import Foundation
public import VaneModel

/// Everything the execution page shows, computed from the engine's compiled workflow and
/// status in one pass: the summarised graph to draw, every node's status by unique id, the
/// timing of each box and the critical path. Pure: the same inputs give the same page.
public struct ExecutionModel: Sendable {
  /// The graph as drawn (expanded nodes nested, fan-outs and chains folded).
  public let graph: ExecutionGraph
  public let index: NodeStatusIndex
  public let timings: [String: NodeTiming]
  /// Element ids on the critical path, first to last.
  public let critical: [String]
  public let phase: WorkflowPhase
  public let now: Date

  public init(
    closure: Flyteidl_Core_CompiledWorkflowClosure, status: Vane_ExecutionStatus?, expanded: Set<String>,
    dynamicClosures: [String: Flyteidl_Core_CompiledWorkflowClosure], summary: GraphSummary = GraphSummary(),
    now: Date
  ) {
    let builder = GraphBuilder(closure: closure, expanded: expanded, dynamicClosures: dynamicClosures)
    graph = summary.summarise(builder.graph(status: status))
    index = NodeStatusIndex(status)
    timings = GraphTimings.of(graph, index: index)
    critical = CriticalPath.compute(edges: Self.allEdges(graph), timings: timings, now: now)
    phase = WorkflowPhase(stored: status?.phase ?? 0)
    self.now = now
  }

  static func allEdges(_ graph: ExecutionGraph) -> [GraphEdge] {
    graph.edges + graph.expanded.keys.sorted().flatMap { allEdges(graph.expanded[$0]!) }
  }

  /// What live updates send for this state: each box's class and detail line, and the
  /// critical path.
  public var live: LiveState {
    var nodes: [String: [String]] = [:]
    for node in graph.allNodes { nodes[node.id] = [node.style.cssClass, node.detail] }
    return LiveState(nodes: nodes, critical: critical)
  }
}

/// The parts of an execution page that live updates change, as sent to the browser.
public struct LiveState: Sendable, Hashable, Codable {
  /// Element id → [phase class, detail line].
  public var nodes: [String: [String]]
  public var critical: [String]

  /// The boxes whose class or detail differ from `previous` (all of them without one).
  public func changes(since previous: LiveState?) -> [String: [String]] {
    guard let previous else { return nodes }
    return nodes.filter { previous.nodes[$0.key] != $0.value }
  }
}
