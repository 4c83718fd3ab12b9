import Foundation
import Testing
import VaneModel
import VaneTesting

@testable import VaneConsole

@Suite struct LayoutTests {
  /// start → sub (expanded: holds one node) → end.
  func expandedGraph() -> ExecutionGraph {
    ExecutionGraph(
      nodes: [
        GraphNode(id: "start-node", label: "start", kind: .start),
        GraphNode(id: "n1", label: "sub", kind: .subworkflow, expandable: true),
        GraphNode(id: "end-node", label: "end", kind: .end),
      ],
      edges: [GraphEdge(from: "start-node", to: "n1"), GraphEdge(from: "n1", to: "end-node")],
      expanded: ["n1": ExecutionGraph(nodes: [GraphNode(id: "n1-0-n0", label: "<step>", kind: .task)])])
  }

  @Test func dotSourceNamesNoUserText() {
    let source = DotSource(expandedGraph())
    #expect(!source.text.contains("<step>"))
    #expect(!source.text.contains("n1-0-n0"))
    #expect(source.text.contains("subgraph cluster_0"))
    #expect(Set(source.elements.values) == ["start-node", "n1", "end-node", "n1-0-n0"])
    #expect(source.elements["cluster_0"] == "n1")
  }

  /// What `dot -Tjson0` (Graphviz 2.42) printed for a node and a cluster of two.
  static let answer = """
    {"name":"vane","bb":"0,0,356,84","objects":[
      {"name":"cluster_0","bb":"108,8,348,76","_gvid":0,"nodes":[2,3]},
      {"_gvid":1,"name":"v0","height":"0.55556","pos":"45,42","width":"1.25"},
      {"_gvid":2,"name":"v1","height":"0.55556","pos":"167,42","width":"1.25"},
      {"_gvid":3,"name":"v2","height":"0.55556","pos":"289,20","width":"1.25"}],
     "edges":[{"_gvid":0,"tail":1,"head":2,"pos":"e,121.6,42 90.002,42 96.923,42 104.15,42 111.28,42"}]}
    """

  @Test func graphvizAnswerIsReadInSVGCoordinates() throws {
    let graph = ExecutionGraph(
      nodes: [GraphNode(id: "a", label: "a", kind: .task), GraphNode(id: "b", label: "b", kind: .subworkflow)],
      edges: [GraphEdge(from: "a", to: "b")],
      expanded: ["b": ExecutionGraph(nodes: [GraphNode(id: "c", label: "c", kind: .task)])])
    let source = DotSource(graph)
    let positioned = try DotJSON.parse(Data(Self.answer.utf8), source: source)
    #expect(positioned.width == 356 && positioned.height == 84)
    let c = try #require(positioned.nodes["c"])
    // Centre (289, 20) in Graphviz's upward y is (289, 64) downward; the box is 90 × 40.
    #expect(abs(c.x - 244) < 0.01 && abs(c.y - 44) < 0.01 && abs(c.width - 90) < 0.01 && abs(c.height - 40) < 0.01)
    let cluster = try #require(positioned.clusters["b"])
    #expect(cluster == PositionedGraph.Rect(x: 108, y: 8, width: 240, height: 68))
    let edge = try #require(positioned.edges.first)
    #expect(edge.from == "a" && edge.to == "b" && edge.points.count == 4)
    #expect(edge.arrowTip == PositionedGraph.Point(x: 121.6, y: 42))
  }

  @Test func unreadableAnswersAreLayoutErrors() {
    let source = DotSource(expandedGraph())
    #expect(throws: ConsoleError.self) { try DotJSON.parse(Data("not json".utf8), source: source) }
    #expect(throws: ConsoleError.self) { try DotJSON.parse(Data("{\"objects\":[]}".utf8), source: source) }
  }

  @Test(.enabled(if: DotLayout().resolvedPath() != nil, "Graphviz is installed by make test"))
  func realGraphvizPlacesEveryBoxAndEdge() async throws {
    let graph = expandedGraph()
    let positioned = try await DotLayout().layout(DotSource(graph))
    #expect(Set(positioned.nodes.keys) == ["start-node", "n1", "end-node", "n1-0-n0"])
    #expect(positioned.clusters["n1"] != nil)
    #expect(positioned.edges.count == 2)
    let start = try #require(positioned.nodes["start-node"])
    let end = try #require(positioned.nodes["end-node"])
    #expect(start.x < end.x)  // left to right
    let svg = GraphSVG(links: .init(node: { "?node=\($0)" }, toggle: { "?expand=\($0)" }))
      .render(graph, positions: positioned)
    #expect(svg.contains("data-node=\"n1-0-n0\""))
    #expect(svg.contains("&lt;step&gt;"))
    #expect(!svg.contains("<step>"))
  }

  @Test func missingGraphvizIsAClearError() async {
    await #expect(throws: ConsoleError.self) {
      try await DotLayout(executable: "/nonexistent/dot").layout(DotSource(expandedGraph()))
    }
  }

  final class CountingLayout: GraphLayout {
    let calls = Locked(0)
    func layout(_ source: DotSource) async throws(ConsoleError) -> PositionedGraph {
      calls.withLock { $0 += 1 }
      return PositionedGraph(width: 1, height: 1, nodes: [:], clusters: [:], edges: [])
    }
  }

  @Test func cacheLaysEachShapeOutOnceAndForgetsTheOldest() async throws {
    let counting = CountingLayout()
    let cache = LayoutCache(counting, capacity: 2)
    let one = DotSource(ExecutionGraph(nodes: [GraphNode(id: "a", label: "a", kind: .task)]))
    let two = DotSource(
      ExecutionGraph(
        nodes: [GraphNode(id: "a", label: "a", kind: .task, phase: .failed)] + [
          GraphNode(id: "b", label: "b", kind: .task)
        ]))
    let three = DotSource(
      ExecutionGraph(nodes: [GraphNode(id: "c", label: "a very much longer label here", kind: .task)]))
    _ = try await cache.layout(one)
    _ = try await cache.layout(one)
    #expect(counting.calls.value == 1)
    _ = try await cache.layout(two)
    _ = try await cache.layout(three)
    #expect(cache.count == 2)
    _ = try await cache.layout(one)
    #expect(counting.calls.value == 4)
  }
}
