import FlyteIDL
import Testing
import VaneEngine
import VaneTesting

/// Graph preparation: topological order, upstream/downstream maps, branch legs.
@Suite("WorkflowGraph")
struct WorkflowGraphTests {
  static func node(_ id: String, upstream: [String] = []) -> Flyteidl_Core_Node {
    var node = Flyteidl_Core_Node()
    node.id = id
    node.upstreamNodeIds = upstream
    node.taskNode.referenceID.name = "task"
    return node
  }

  static func branch(
    _ id: String, legs: [Flyteidl_Core_Node], else elseLeg: Flyteidl_Core_Node? = nil
  ) -> Flyteidl_Core_Node {
    var node = Flyteidl_Core_Node()
    node.id = id
    node.branchNode.ifElse.case.thenNode = legs[0]
    node.branchNode.ifElse.other = legs.dropFirst().map { leg in
      var block = Flyteidl_Core_IfBlock()
      block.thenNode = leg
      return block
    }
    if let elseLeg { node.branchNode.ifElse.elseNode = elseLeg }
    return node
  }

  static func template(_ nodes: [Flyteidl_Core_Node]) -> Flyteidl_Core_WorkflowTemplate {
    var template = Flyteidl_Core_WorkflowTemplate()
    template.nodes = [node(WorkflowGraph.startNode)] + nodes + [node(WorkflowGraph.endNode)]
    return template
  }

  static func connections(_ upstream: [String: [String]]) -> Flyteidl_Core_ConnectionSet {
    var set = Flyteidl_Core_ConnectionSet()
    for (id, ids) in upstream {
      var list = Flyteidl_Core_ConnectionSet.IdList()
      list.ids = ids
      set.upstream[id] = list
    }
    return set
  }

  /// True when every node comes after all its upstream nodes.
  static func respectsDependencies(_ graph: WorkflowGraph) -> Bool {
    let position = Dictionary(uniqueKeysWithValues: graph.order.enumerated().map { ($1, $0) })
    return graph.order.allSatisfy { id in
      (graph.upstream[id] ?? []).allSatisfy { up in (position[up] ?? .max) < (position[id] ?? -1) }
    }
  }

  @Test func ordersADiamondListedBackwards() {
    let template = Self.template([Self.node("d"), Self.node("c"), Self.node("b"), Self.node("a")])
    let graph = WorkflowGraph(
      template: template,
      connections: Self.connections([
        "a": [WorkflowGraph.startNode], "b": ["a"], "c": ["a"], "d": ["c", "b"], WorkflowGraph.endNode: ["d"],
      ]))
    #expect(graph.order == ["a", "c", "b", "d"])
    #expect(Self.respectsDependencies(graph))
    #expect(Set(graph.nodes.keys) == ["a", "b", "c", "d"], "start and end are not nodes")
    #expect(graph.upstream["a"] == [], "the start node is not an upstream node")
    #expect(Set(graph.downstream["a"] ?? []) == ["b", "c"])
    #expect(graph.upstream[WorkflowGraph.endNode] == ["d"])
    #expect(graph.downstream["d"] == [WorkflowGraph.endNode])
  }

  @Test func independentNodesKeepTemplateOrder() {
    let template = Self.template([Self.node("z"), Self.node("m"), Self.node("a")])
    let graph = WorkflowGraph(template: template, connections: Self.connections([:]))
    #expect(graph.order == ["z", "m", "a"])
  }

  @Test func aTenThousandNodeChainListedBackwardsNeedsNoRecursion() {
    let count = 10_000
    let nodes = (0..<count).reversed().map { index in
      Self.node("n\(index)", upstream: index == 0 ? [] : ["n\(index - 1)"])
    }
    let graph = WorkflowGraph(template: Self.template(nodes), connections: Self.connections([:]))
    #expect(graph.order.count == count)
    #expect(graph.order.first == "n0")
    #expect(graph.order.last == "n\(count - 1)")
    #expect(graph.order == (0..<count).map { "n\($0)" })
    #expect(graph.upstream["n5000"] == ["n4999"], "upstream_node_ids are used without connections")
  }

  @Test func connectionsOnBranchLegsMapToTheBranchNode() {
    let inner = Self.branch("n0-n0", legs: [Self.node("n0-n0-n0"), Self.node("n0-n0-n1")])
    let outer = Self.branch("n0", legs: [inner, Self.node("n0-n1")], else: Self.node("n0-n2"))
    let template = Self.template([outer, Self.node("n1"), Self.node("n2")])
    let graph = WorkflowGraph(
      template: template,
      connections: Self.connections([
        "n0": [WorkflowGraph.startNode, "n0-n1"],  // a leg naming its own branch is dropped
        "n1": ["n0-n0-n1", "n0-n2", "n0"],  // legs at any depth stand for their branch, once
        "n2": ["n1"],
        WorkflowGraph.endNode: ["n0-n0-n0", "n2"],
      ]))
    #expect(graph.upstream["n0"] == [])
    #expect(graph.upstream["n1"] == ["n0"])
    #expect(graph.upstream[WorkflowGraph.endNode] == ["n0", "n2"])
    #expect(graph.order == ["n0", "n1", "n2"])
    #expect(graph.nodes["n0-n1"] == nil, "legs are not nodes of the graph")
  }

  @Test func aBranchWaitsForWhatItsLegsRead() {
    // The compiler files a leg's inputs under the leg's id: `n1-n0` reads `n0`'s output, so the
    // branch n1 must not start before n0 has succeeded.
    let branch = Self.branch("n1", legs: [Self.node("n1-n0")], else: Self.node("n1-n1"))
    let template = Self.template([Self.node("n0"), branch])
    let graph = WorkflowGraph(
      template: template,
      connections: Self.connections(["n0": [WorkflowGraph.startNode], "n1": [WorkflowGraph.startNode], "n1-n0": ["n0"]])
    )
    #expect(graph.upstream["n1"] == ["n0"])
    #expect(graph.order == ["n0", "n1"])
  }

  @Test func aTopLevelNodeWinsOverALegWithTheSameId() {
    // flytekit names legs n0, n1… inside a branch; a top-level n0 must stay itself.
    let branch = Self.branch("n1", legs: [Self.node("n0"), Self.node("n1")])
    let template = Self.template([Self.node("n0"), branch])
    let graph = WorkflowGraph(template: template, connections: Self.connections(["n1": ["n0"]]))
    #expect(graph.upstream["n1"] == ["n0"])
    #expect(graph.order == ["n0", "n1"])
  }

  @Test func nodesOnACycleAppearOnce() {
    let template = Self.template([Self.node("a", upstream: ["b"]), Self.node("b", upstream: ["a"]), Self.node("c")])
    let graph = WorkflowGraph(template: template, connections: Self.connections([:]))
    #expect(graph.order.sorted() == ["a", "b", "c"])
  }

  @Test func unknownUpstreamIdsAreIgnored() {
    let template = Self.template([Self.node("a", upstream: ["ghost"])])
    let graph = WorkflowGraph(template: template, connections: Self.connections([:]))
    #expect(graph.upstream["a"] == [])
    #expect(graph.order == ["a"])
  }
}
