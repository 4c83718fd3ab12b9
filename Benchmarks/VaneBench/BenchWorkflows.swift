import FlyteIDL
import SwiftProtobuf
import VaneCompiler

/// Builds the benchmark workflows out of `echo` tasks and compiles them.
enum BenchWorkflows {
  typealias B = FlyteBuilders

  static let echoInt = B.echoTask("bench.echo_int", variable: "x", type: B.integer)
  static let echoList = B.echoTask("bench.echo_list", variable: "x", type: B.list(of: B.integer))

  static func compile(
    _ workflow: Flyteidl_Core_WorkflowTemplate, subWorkflows: [Flyteidl_Core_WorkflowTemplate] = [],
    tasks: [Flyteidl_Core_TaskTemplate] = [echoInt, echoList]
  ) throws -> Flyteidl_Core_CompiledWorkflowClosure {
    try WorkflowCompiler(catalog: EntityCatalog(tasks: tasks)).compile(workflow, subWorkflows: subWorkflows)
  }

  static func inputs(_ value: Flyteidl_Core_Literal) -> Flyteidl_Core_LiteralMap {
    var map = Flyteidl_Core_LiteralMap()
    map.literals["x"] = value
    return map
  }

  /// `n` echo nodes, each taking the previous one's output.
  static func chainTemplate(_ n: Int, name: String) -> Flyteidl_Core_WorkflowTemplate {
    let nodes = (0..<n).map { index in
      B.taskNode(
        "n\(index)", task: echoInt,
        inputs: [B.bind("x", index == 0 ? B.promise("", "x") : B.promise("n\(index - 1)", "x"))])
    }
    return B.workflow(name, variable: "x", type: B.integer, nodes: nodes, output: B.promise("n\(n - 1)", "x"))
  }

  static func chain(_ n: Int) throws -> BenchShape {
    BenchShape(
      name: "chain-\(n)", summary: "chain of \(n) echo nodes",
      closure: try compile(chainTemplate(n, name: "bench.chain")), inputs: inputs(B.int(1)), executions: 1)
  }

  /// `n` echo nodes on the workflow input, then one echo node taking all their outputs as a list.
  static func fanOut(_ n: Int) throws -> BenchShape {
    var nodes = (0..<n).map { index in
      B.taskNode("n\(index)", task: echoInt, inputs: [B.bind("x", B.promise("", "x"))])
    }
    let all = B.collection((0..<n).map { B.promise("n\($0)", "x") })
    nodes.append(B.taskNode("reduce", task: echoList, inputs: [B.bind("x", all)]))
    let template = B.workflow(
      "bench.fanout", variable: "x", type: B.integer, nodes: nodes, output: B.promise("n0", "x"))
    return BenchShape(
      name: "fanout-\(n)", summary: "\(n) echo nodes + 1 reducer on a list of their outputs",
      closure: try compile(template), inputs: inputs(B.int(1)), executions: 1)
  }

  static func concurrent(executions: Int) throws -> BenchShape {
    BenchShape(
      name: "concurrent-\(executions)", summary: "\(executions) executions of a 3-node chain at once",
      closure: try compile(chainTemplate(3, name: "bench.small")), inputs: inputs(B.int(1)),
      executions: executions)
  }

  /// Level k runs an echo node, then the subworkflow of level k+1 on its output.
  static func nested(depth: Int) throws -> BenchShape {
    var templates: [Flyteidl_Core_WorkflowTemplate] = []
    for level in stride(from: depth, through: 1, by: -1) {
      var nodes = [B.taskNode("l\(level)t", task: echoInt, inputs: [B.bind("x", B.promise("", "x"))])]
      var output = B.promise("l\(level)t", "x")
      if let inner = templates.last {
        nodes.append(
          B.subworkflowNode("l\(level)s", workflow: inner.id, inputs: [B.bind("x", B.promise("l\(level)t", "x"))]))
        output = B.promise("l\(level)s", "x")
      }
      templates.append(
        B.workflow("bench.nested.l\(level)", variable: "x", type: B.integer, nodes: nodes, output: output))
    }
    let primary = templates.removeLast()
    return BenchShape(
      name: "nested-\(depth)", summary: "subworkflows nested \(depth) deep, one echo node per level",
      closure: try compile(primary, subWorkflows: templates), inputs: inputs(B.int(1)), executions: 1)
  }

  /// A map task (array node) of echo over `items` integers, as flytekit's `map_task` writes it:
  /// the task's interface is the list form and the sub-node interface is not the original.
  static func map(items: Int, label: String) throws -> BenchShape {
    var inner = B.taskNode("n0-item", task: echoList, inputs: [B.bind("x", B.promise("", "x"))])
    inner.metadata.name = "echo-item"
    var array = Flyteidl_Core_ArrayNode()
    array.node = inner
    array.parallelism = 0
    array.isOriginalSubNodeInterface.value = false
    var node = Flyteidl_Core_Node()
    node.id = "n0"
    node.metadata.name = "map_echo"
    node.inputs = [B.bind("x", B.promise("", "x"))]
    node.arrayNode = array
    let template = B.workflow(
      "bench.map", variable: "x", type: B.list(of: B.integer), nodes: [node], output: B.promise("n0", "x"))
    return BenchShape(
      name: "map-\(items)", summary: "map task (array node) of echo over \(items) items",
      closure: try compile(template), inputs: inputs(B.ints(items)), executions: 1,
      needs: "array (map task)")
  }

  /// A dynamic task (run by the benchmark's `bench-dynamic` plugin) that yields `children` echo
  /// nodes and returns the first one's output.
  static func dynamic(children: Int) throws -> BenchShape {
    var generator = B.echoTask("bench.dynamic", variable: "x", type: B.integer)
    generator.type = DynamicFanOutPlugin.taskType
    generator.custom.fields["children"] = .init(numberValue: Double(children))
    let node = B.taskNode("n0", task: generator, inputs: [B.bind("x", B.promise("", "x"))])
    let template = B.workflow(
      "bench.dynamic", variable: "x", type: B.integer, nodes: [node], output: B.promise("n0", "x"))
    return BenchShape(
      name: "dynamic-\(children)", summary: "dynamic node yielding \(children) echo children",
      closure: try compile(template, tasks: [echoInt, echoList, generator]), inputs: inputs(B.int(1)),
      executions: 1, needs: "dynamic")
  }
}
