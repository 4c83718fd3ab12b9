import FlyteIDL
import Foundation
import Testing
import VaneData
import VaneModel

@testable import VaneConsole

@Suite struct GraphBuilderTests {
  @Test func nodesCarryPhasesAndEdgesFollowConnections() {
    let wf = GraphFixtures.workflow(
      [GraphFixtures.taskNode("n0", task: "wf.prepare"), GraphFixtures.taskNode("n1", task: "wf.train")],
      edges: [("n0", "n1")])
    let status = GraphFixtures.executionStatus([
      "n0": GraphFixtures.status(.succeeded, start: 0, stop: 2), "n1": GraphFixtures.status(.running, start: 2),
    ])
    let graph = GraphBuilder(closure: GraphFixtures.closure(wf)).graph(status: status)
    let byID = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0) })
    #expect(byID["n0"]?.label == "prepare")
    #expect(byID["n0"]?.style == .succeeded)
    #expect(byID["n1"]?.style == .running)
    #expect(byID["end-node"]?.kind == .end)
    #expect(
      Set(graph.edges) == [
        GraphEdge(from: "start-node", to: "n0"), GraphEdge(from: "n0", to: "n1"), GraphEdge(from: "n1", to: "end-node"),
      ])
  }

  @Test func mapTaskCountsItemsByPhase() {
    var array = Flyteidl_Core_Node()
    array.id = "n0"
    array.arrayNode = Flyteidl_Core_ArrayNode()
    var status = GraphFixtures.status(.running, start: 0)
    status.array.phases = Data(
      [NodePhase.succeeded, .succeeded, .succeeded, .running, .failed, .queued].map { UInt8($0.rawValue) })
    let graph = GraphBuilder(closure: GraphFixtures.closure(GraphFixtures.workflow([array], edges: [])))
      .graph(status: GraphFixtures.executionStatus(["n0": status]))
    let box = graph.nodes.first { $0.id == "n0" }!
    #expect(box.kind == .array)
    #expect(box.counts?[.succeeded] == 3)
    #expect(box.counts?[.running] == 1)
    #expect(box.counts?[.failed] == 1)
    #expect(box.style == .failed)
    #expect(box.detail == "3 done · 1 running · 1 waiting · 1 failed")
  }

  @Test func expandedSubworkflowNestsItsNodesUnderUniqueIDs() {
    let inner = GraphFixtures.workflow([GraphFixtures.taskNode("n0", task: "sub.step")], edges: [], name: "sub")
    var call = Flyteidl_Core_Node()
    call.id = "n1"
    var workflowNode = Flyteidl_Core_WorkflowNode()
    workflowNode.subWorkflowRef.name = "sub"
    call.workflowNode = workflowNode
    let closure = GraphFixtures.closure(GraphFixtures.workflow([call], edges: []), subworkflows: [inner])
    var outer = GraphFixtures.status(.running, start: 0, attempts: 2)
    outer.children = ["n0": GraphFixtures.status(.running, start: 1)]
    let status = GraphFixtures.executionStatus(["n1": outer])

    let collapsed = GraphBuilder(closure: closure).graph(status: status)
    #expect(collapsed.expanded.isEmpty)
    #expect(collapsed.nodes.first { $0.id == "n1" }?.expandable == true)

    let expanded = GraphBuilder(closure: closure, expanded: ["n1"]).graph(status: status)
    let nested = try! #require(expanded.expanded["n1"])
    let childID = UniqueID.node("n0", parentUniqueID: "n1", parentAttempt: 1)
    #expect(nested.nodes.map(\.id).contains(childID))
    #expect(nested.nodes.first { $0.id == childID }?.style == .running)
    #expect(expanded.allNodes.count == collapsed.nodes.count + nested.nodes.count)
  }

  @Test func labelsDropTheModulePath() {
    var node = GraphFixtures.taskNode("n3", task: "my.pkg.flows.clean_data")
    #expect(GraphBuilder.label(node) == "clean_data")
    node.metadata.name = "custom"
    #expect(GraphBuilder.label(node) == "custom")
  }
}
