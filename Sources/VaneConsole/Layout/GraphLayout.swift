/// Places a graph's boxes and routes its edges. `DotLayout` asks Graphviz; tests may use any
/// other implementation.
public protocol GraphLayout: Sendable {
  /// The positions of `source`'s nodes, clusters and edges.
  func layout(_ source: DotSource) async throws(ConsoleError) -> PositionedGraph
}
