/// Where Graphviz put everything, in SVG coordinates (points, y growing downwards).
public struct PositionedGraph: Sendable, Hashable {
  public struct Point: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
      self.x = x
      self.y = y
    }
  }

  public struct Rect: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
      self.x = x
      self.y = y
      self.width = width
      self.height = height
    }
  }

  /// An edge as a cubic B-spline (start point, then three points per segment) with the point
  /// its arrowhead touches, if Graphviz gave one.
  public struct Edge: Sendable, Hashable {
    public var from: String
    public var to: String
    public var points: [Point]
    public var arrowTip: Point?

    public init(from: String, to: String, points: [Point], arrowTip: Point?) {
      self.from = from
      self.to = to
      self.points = points
      self.arrowTip = arrowTip
    }
  }

  public var width: Double
  public var height: Double
  /// Boxes by element id.
  public var nodes: [String: Rect]
  /// Cluster frames of expanded nodes, by the expanded node's element id.
  public var clusters: [String: Rect]
  public var edges: [Edge]

  public init(width: Double, height: Double, nodes: [String: Rect], clusters: [String: Rect], edges: [Edge]) {
    self.width = width
    self.height = height
    self.nodes = nodes
    self.clusters = clusters
    self.edges = edges
  }
}
