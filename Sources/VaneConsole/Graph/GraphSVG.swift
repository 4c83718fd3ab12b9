import Foundation

/// Draws a laid-out graph as inline SVG: clusters behind, then edges, then boxes. Every box is
/// a link to its node panel and carries `data-node` (its element id) and a `phase-…` class,
/// which live updates change without touching the layout; expandable boxes get a toggle.
public struct GraphSVG: Sendable {
  /// Where a box and its expand toggle link to.
  public struct Links: Sendable {
    public var node: @Sendable (String) -> String
    public var toggle: @Sendable (String) -> String

    public init(node: @escaping @Sendable (String) -> String, toggle: @escaping @Sendable (String) -> String) {
      self.node = node
      self.toggle = toggle
    }
  }

  public var links: Links

  public init(links: Links) {
    self.links = links
  }

  static let labelLimit = 34

  /// The SVG element for `graph` placed by `positions`, the boxes in `critical` marked.
  public func render(_ graph: ExecutionGraph, positions: PositionedGraph, critical: Set<String> = []) -> String {
    let pad = 6.0
    var out = """
      <svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="\(n(-pad)) \(n(-pad)) \
      \(n(positions.width + 2 * pad)) \(n(positions.height + 2 * pad))" width="\(n(positions.width + 2 * pad))" \
      height="\(n(positions.height + 2 * pad))" role="img" aria-label="execution graph">
      <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" \
      orient="auto"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>

      """
    let nodes = graph.allNodes
    let byID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for id in positions.clusters.keys.sorted() {
      guard let frame = positions.clusters[id], let node = byID[id] else { continue }
      out += "<g class=\"cluster \(node.style.cssClass)\" data-cluster=\"\(HTML.escape(id))\">"
      out +=
        "<rect x=\"\(n(frame.x))\" y=\"\(n(frame.y))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\" rx=\"10\"/>"
      out += "</g>\n"
    }
    for edge in positions.edges {
      out += "<path class=\"edge\" d=\"\(path(edge))\" marker-end=\"url(#arrow)\"/>\n"
    }
    for node in nodes {
      guard let frame = positions.nodes[node.id] else { continue }
      out += box(node, frame: frame, expanded: positions.clusters[node.id] != nil, critical: critical.contains(node.id))
    }
    return out + "</svg>"
  }

  func box(_ node: GraphNode, frame: PositionedGraph.Rect, expanded: Bool, critical: Bool) -> String {
    let id = HTML.escape(node.id)
    let classes = "node kind-\(node.kind.rawValue) \(node.style.cssClass)" + (critical ? " critical" : "")
    var out = "<a class=\"node-link\" href=\"\(HTML.escape(links.node(node.id)))\" data-node=\"\(id)\">"
    out += "<g class=\"\(classes)\" data-node=\"\(id)\" data-kind=\"\(node.kind.rawValue)\">"
    out += "<title>\(HTML.escape(node.label)) (\(id))</title>"
    let radius = node.kind == .start || node.kind == .end ? frame.height / 2 : 6
    out += "<rect x=\"\(n(frame.x))\" y=\"\(n(frame.y))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\" "
    out += "rx=\"\(n(radius))\"/>"
    let centre = frame.x + frame.width / 2
    let label = HTML.escape(HTML.shortened(node.label, to: Self.labelLimit))
    if node.detail.isEmpty {
      out += "<text class=\"label\" x=\"\(n(centre))\" y=\"\(n(frame.y + frame.height / 2 + 4))\">\(label)</text>"
    } else {
      out += "<text class=\"label\" x=\"\(n(centre))\" y=\"\(n(frame.y + 16))\">\(label)</text>"
      out += "<text class=\"detail\" x=\"\(n(centre))\" y=\"\(n(frame.y + 31))\">"
      out += "\(HTML.escape(HTML.shortened(node.detail, to: Self.labelLimit + 6)))</text>"
    }
    out += "</g></a>"
    if node.expandable {
      let sign = expanded ? "−" : "+"
      let what = expanded ? "collapse" : "expand"
      out += "<a class=\"toggle\" href=\"\(HTML.escape(links.toggle(node.id)))\" data-toggle=\"\(id)\">"
      out += "<title>\(what)</title><circle cx=\"\(n(frame.x + frame.width - 2))\" cy=\"\(n(frame.y + 2))\" r=\"8\"/>"
      out += "<text x=\"\(n(frame.x + frame.width - 2))\" y=\"\(n(frame.y + 6))\">\(sign)</text></a>"
    }
    return out + "\n"
  }

  func path(_ edge: PositionedGraph.Edge) -> String {
    var parts = ["M\(n(edge.points[0].x)),\(n(edge.points[0].y))"]
    var index = 1
    while index + 2 < edge.points.count {
      let (a, b, c) = (edge.points[index], edge.points[index + 1], edge.points[index + 2])
      parts.append("C\(n(a.x)),\(n(a.y)) \(n(b.x)),\(n(b.y)) \(n(c.x)),\(n(c.y))")
      index += 3
    }
    if let tip = edge.arrowTip { parts.append("L\(n(tip.x)),\(n(tip.y))") }
    return parts.joined(separator: " ")
  }

  func n(_ value: Double) -> String {
    String(format: "%.1f", value)
  }
}
