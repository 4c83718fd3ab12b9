import FlyteIDL

extension WorkflowBuilder {
  /// Records that `target` depends on `source`.
  mutating func addEdge(from source: String, to target: String, _ direction: EdgeDirection) {
    upstream[target, default: []].insert(source)
    if direction == .both { downstream[source, default: []].insert(target) }
  }

  /// Top-level nodes that depend on nothing start from `start-node`; those nothing depends on
  /// feed `end-node`.
  mutating func linkStartAndEnd() {
    for id in order.sorted() {
      if upstream[id, default: []].isEmpty { addEdge(from: Self.startNodeID, to: id, .both) }
      if downstream[id, default: []].isEmpty { addEdge(from: id, to: Self.endNodeID, .both) }
    }
  }

  /// Reports every cycle (with its nodes in order) and every node `start-node` cannot reach.
  func checkGraph() {
    let inCycles = findCycles()
    var reached: Set<String> = [Self.startNodeID]
    var pending = [Self.startNodeID]
    while let id = pending.popLast() {
      for next in downstream[id, default: []] where reached.insert(next).inserted { pending.append(next) }
    }
    var blocked = inCycles
    pending = Array(inCycles)
    while let id = pending.popLast() {
      for next in downstream[id, default: []] where blocked.insert(next).inserted { pending.append(next) }
    }
    for id in order where !reached.contains(id) && !blocked.contains(id) {
      report(.unreachableNode, id, "the node cannot be reached from the workflow's start")
    }
  }

  /// Depth-first search without recursion (graphs can be tens of thousands of nodes deep);
  /// reports each cycle once and returns the nodes on cycles.
  private func findCycles() -> Set<String> {
    struct Frame {
      let id: String
      let next: [String]
      var index = 0
    }
    var done: Set<String> = []
    var position: [String: Int] = [:]
    var inCycles: Set<String> = []
    for root in [Self.startNodeID] + order.sorted() where !done.contains(root) {
      var stack = [Frame(id: root, next: downstream[root, default: []].sorted())]
      position[root] = 0
      while let top = stack.last {
        guard top.index < top.next.count else {
          stack.removeLast()
          position[top.id] = nil
          done.insert(top.id)
          continue
        }
        let next = top.next[top.index]
        stack[stack.count - 1].index += 1
        if let start = position[next] {
          let cycle = stack[start...].map(\.id)
          if cycle.contains(where: { !inCycles.contains($0) }) {
            inCycles.formUnion(cycle)
            report(
              .cycle, cycle.min(), "nodes \((cycle + [next]).joined(separator: " -> ")) depend on each other in a cycle"
            )
          }
        } else if !done.contains(next) {
          position[next] = stack.count
          stack.append(Frame(id: next, next: downstream[next, default: []].sorted()))
        }
      }
    }
    return inCycles
  }

  /// The compiled workflow: the template with `start-node` and `end-node` added, promises on
  /// workflow inputs naming `start-node`, branch legs renamed, and the connections.
  func assemble() -> Flyteidl_Core_CompiledWorkflow {
    var compiledTemplate = template
    var interface = template.interface
    if !interface.hasInputs { interface.inputs = .init() }
    if !interface.hasOutputs { interface.outputs = .init() }
    compiledTemplate.interface = interface
    var start = Flyteidl_Core_Node()
    start.id = Self.startNodeID
    var end = Flyteidl_Core_Node()
    end.id = Self.endNodeID
    end.inputs = template.outputs.map(Self.normalised)
    compiledTemplate.nodes = [start, end] + order.compactMap { nodes[$0] }.map(Self.normalised)
    compiledTemplate.outputs = template.outputs.map(Self.normalised)
    if let failureNode { compiledTemplate.failureNode = Self.normalised(failureNode) }

    var connections = Flyteidl_Core_ConnectionSet()
    for (id, ids) in upstream { connections.upstream[id] = Self.idList(ids) }
    for (id, ids) in downstream { connections.downstream[id] = Self.idList(ids) }
    var compiled = Flyteidl_Core_CompiledWorkflow()
    compiled.template = compiledTemplate
    compiled.connections = connections
    return compiled
  }

  private static func idList(_ ids: Set<String>) -> Flyteidl_Core_ConnectionSet.IdList {
    var list = Flyteidl_Core_ConnectionSet.IdList()
    list.ids = ids.sorted()
    return list
  }

  static func normalised(_ node: Flyteidl_Core_Node) -> Flyteidl_Core_Node {
    var node = node
    node.inputs = node.inputs.map(normalised)
    switch node.target {
    case .branchNode(var branch)?:
      if branch.ifElse.hasCase, branch.ifElse.case.hasThenNode {
        branch.ifElse.case.thenNode = normalised(branch.ifElse.case.thenNode)
      }
      for index in branch.ifElse.other.indices where branch.ifElse.other[index].hasThenNode {
        branch.ifElse.other[index].thenNode = normalised(branch.ifElse.other[index].thenNode)
      }
      if case .elseNode(let leg)? = branch.ifElse.default { branch.ifElse.elseNode = normalised(leg) }
      node.branchNode = branch
    case .arrayNode(var array)?:
      if array.hasNode { array.node = normalised(array.node) }
      node.arrayNode = array
    default:
      break
    }
    return node
  }

  static func normalised(_ binding: Flyteidl_Core_Binding) -> Flyteidl_Core_Binding {
    var binding = binding
    if binding.hasBinding { binding.binding = normalised(binding.binding) }
    return binding
  }

  static func normalised(_ data: Flyteidl_Core_BindingData) -> Flyteidl_Core_BindingData {
    var data = data
    switch data.value {
    case .promise(var reference)? where reference.nodeID.isEmpty:
      reference.nodeID = startNodeID
      data.promise = reference
    case .collection(var collection)?:
      collection.bindings = collection.bindings.map(normalised)
      data.collection = collection
    case .map(var map)?:
      map.bindings = map.bindings.mapValues(normalised)
      data.map = map
    default:
      break
    }
    return data
  }
}
