import Testing
import VaneModel

@testable import VaneConsole

@Suite struct GraphSummaryTests {
  func fanOut(_ count: Int, failed: Int = 0) -> ExecutionGraph {
    var graph = ExecutionGraph(nodes: [
      GraphNode(id: "start-node", label: "start", kind: .start), GraphNode(id: "end-node", label: "end", kind: .end),
    ])
    for index in 0..<count {
      let id = "n\(index)"
      graph.nodes.append(GraphNode(id: id, label: "echo", kind: .task, phase: index < failed ? .failed : .succeeded))
      graph.edges.append(GraphEdge(from: "start-node", to: id))
      graph.edges.append(GraphEdge(from: id, to: "end-node"))
    }
    return graph
  }

  @Test func aLargeFanOutBecomesOneGroupWithCounts() {
    let summary = GraphSummary().summarise(fanOut(10_000, failed: 3))
    #expect(summary.nodes.count == 3)
    let group = try! #require(summary.nodes.first { $0.kind == .group })
    #expect(group.id == GraphSummary.groupID(firstMember: "n0"))
    #expect(group.members.count == 10_000)
    #expect(group.counts?[.succeeded] == 9_997)
    #expect(group.counts?[.failed] == 3)
    #expect(group.style == .failed)
    #expect(group.label == "echo ×10,000")
    #expect(
      Set(summary.edges) == [
        GraphEdge(from: "start-node", to: group.id), GraphEdge(from: group.id, to: "end-node"),
      ])
  }

  @Test func aSmallFanOutStaysAsItIs() {
    let graph = fanOut(5)
    #expect(GraphSummary().summarise(graph) == graph)
  }

  @Test func differentTasksAreNotFoldedTogether() {
    var graph = fanOut(6)
    graph.nodes[2].label = "other"
    let summary = GraphSummary().summarise(graph)
    #expect(!summary.nodes.contains { $0.kind == .group })
  }

  @Test func aLongChainBecomesOneGroup() {
    var graph = ExecutionGraph(nodes: [GraphNode(id: "start-node", label: "start", kind: .start)])
    var previous = "start-node"
    for index in 0..<8 {
      graph.nodes.append(
        GraphNode(id: "n\(index)", label: "step", kind: .task, phase: index < 2 ? .succeeded : .queued))
      graph.edges.append(GraphEdge(from: previous, to: "n\(index)"))
      previous = "n\(index)"
    }
    graph.nodes.append(GraphNode(id: "last", label: "report", kind: .task))
    graph.edges.append(GraphEdge(from: previous, to: "last"))
    let summary = GraphSummary().summarise(graph)
    #expect(summary.nodes.map(\.id) == ["start-node", "group:n0", "last"])
    #expect(summary.nodes[1].members == (0..<8).map { "n\($0)" })
    #expect(summary.nodes[1].counts?[.pending] == 6)
    #expect(summary.edges == [GraphEdge(from: "start-node", to: "group:n0"), GraphEdge(from: "group:n0", to: "last")])
  }

  @Test func groupsDependOnShapeNotPhases() {
    let before = GraphSummary().summarise(fanOut(20, failed: 0))
    let after = GraphSummary().summarise(fanOut(20, failed: 7))
    #expect(before.nodes.map(\.id) == after.nodes.map(\.id))
    #expect(DotSource(before).text == DotSource(after).text)
  }
}
