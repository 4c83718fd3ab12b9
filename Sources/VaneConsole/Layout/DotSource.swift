import Foundation

/// The Graphviz input for a graph: boxes sized for their text, expanded nodes as clusters
/// holding their inner graph, left to right. Element ids never reach Graphviz — nodes are
/// named `v0`, `v1`, … and clusters `cluster_0`, … — so no user text needs quoting and the
/// text depends only on the graph's shape (the layout cache's key).
public struct DotSource: Sendable, Hashable {
  /// The DOT text.
  public let text: String
  /// Graphviz name → element id, for nodes (`v…`) and clusters (`cluster_…`).
  public let elements: [String: String]

  /// Width of one character of the console's graph font, in points, used to size boxes.
  static let characterWidth = 6.6
  static let minimumWidth = 90.0
  static let maximumWidth = 260.0
  static let boxHeight = 40.0

  /// The width in points a box needs for its label and detail line. The detail changes with
  /// phases, so room for it depends only on the kind (counts need more than a phase name):
  /// the layout, and so the cache key, stays the same while an execution runs.
  public static func width(_ node: GraphNode) -> Double {
    let detail = node.counts != nil || node.kind == .group || node.kind == .array ? 30 : 14
    let characters = max(min(node.label.count, GraphSVG.labelLimit), detail) + 2
    return min(maximumWidth, max(minimumWidth, Double(characters) * characterWidth))
  }

  public init(_ graph: ExecutionGraph) {
    var lines = [
      "digraph vane {",
      "  rankdir=LR; nodesep=0.2; ranksep=0.45; margin=0;",
      "  node [shape=box, fixedsize=true, label=\"\"];",
    ]
    var elements: [String: String] = [:]
    var names: [String: String] = [:]
    var counter = 0
    var clusterCounter = 0
    var edges: [String] = []

    func emit(_ graph: ExecutionGraph, indent: String) {
      for node in graph.nodes {
        let name = "v\(counter)"
        counter += 1
        names[node.id] = name
        elements[name] = node.id
        let width = DotSource.width(node) / 72
        let height = DotSource.boxHeight / 72
        let declaration = "\(indent)\(name) [width=\(Self.number(width)), height=\(Self.number(height))];"
        if let inner = graph.expanded[node.id] {
          let cluster = "cluster_\(clusterCounter)"
          clusterCounter += 1
          elements[cluster] = node.id
          lines.append("\(indent)subgraph \(cluster) {")
          lines.append("\(indent)  margin=14;")
          lines.append("  " + declaration)
          emit(inner, indent: indent + "  ")
          lines.append("\(indent)}")
        } else {
          lines.append(declaration)
        }
      }
      for edge in graph.edges {
        guard let from = names[edge.from], let to = names[edge.to] else { continue }
        edges.append("  \(from) -> \(to);")
      }
    }
    emit(graph, indent: "  ")
    lines.append(contentsOf: edges)
    lines.append("}")
    self.text = lines.joined(separator: "\n") + "\n"
    self.elements = elements
  }

  static func number(_ value: Double) -> String {
    String(format: "%.3f", value)
  }
}
