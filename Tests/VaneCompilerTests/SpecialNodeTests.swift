import FlyteIDL
import SwiftProtobuf
import Testing
import VaneCompiler

/// Array, gate and failure nodes, and bindings that need more than a plain type check.
@Suite struct SpecialNodeTests {
  static let point = T.dataclass("Point", [("x", T.int, "integer"), ("y", T.float, "number")])
  let tasks = [
    task("square", inputs: [("n", T.int)], outputs: [("o0", T.int)]),
    task("mapped-square", inputs: [("n", T.list(T.int))], outputs: [("o0", T.list(T.int))]),
    task("sum", inputs: [("xs", T.list(T.int))], outputs: [("o0", T.int)]),
    task("make-point", inputs: [], outputs: [("o0", point)]),
    task("use-point", inputs: [("p", point)], outputs: []),
    task("color", inputs: [("c", T.enumeration("red", "green"))], outputs: []),
    task("either", inputs: [("v", T.union(T.list(T.int), T.dict(T.int)))], outputs: []),
    task("cleanup", inputs: [("err", T.optional(T.simple(.error)))], outputs: []),
  ]

  func arrayNode(
    _ id: String, inner: Flyteidl_Core_Node, inputs: [Flyteidl_Core_Binding], original: Bool = false, ratio: Float = 1
  ) -> Flyteidl_Core_Node {
    var array = Flyteidl_Core_ArrayNode()
    array.node = inner
    array.parallelism = 4
    array.minSuccessRatio = ratio
    array.isOriginalSubNodeInterface = Google_Protobuf_BoolValue(original)
    var node = Flyteidl_Core_Node()
    node.id = id
    node.inputs = inputs
    node.arrayNode = array
    return node
  }

  @Test func mapTaskArrayNodeUsesTheListInterfaceOfItsTask() throws {
    let items = list(literal(.integer(1)), literal(.integer(2)), input("n"))
    let template = workflow(
      "mapping", inputs: [("n", T.int)], outputs: [("total", T.int)],
      nodes: [
        arrayNode("a", inner: taskNode("a", "mapped-square", [bind("n", items)]), inputs: [bind("n", items)]),
        taskNode("s", "sum", [bind("xs", promise("a", "o0"))]),
      ], bindings: [bind("total", promise("s", "o0"))])
    let closure = try compiler(tasks: tasks).compile(template, subWorkflows: [])
    #expect(closure.primary.upstream("a") == ["start-node"])
    #expect(closure.primary.upstream("s") == ["a"])
    #expect(closure.tasks.map(\.template.id.name) == ["mapped-square", "sum"])
  }

  @Test func originalSubNodeInterfaceIsLiftedToLists() throws {
    let good = workflow(
      "lifted",
      nodes: [
        arrayNode(
          "a", inner: taskNode("inner", "square"), inputs: [bind("n", list(literal(.integer(1))))], original: true),
        taskNode("s", "sum", [bind("xs", promise("a", "o0"))]),
      ])
    _ = try compiler(tasks: tasks).compile(good, subWorkflows: [])
    let scalarInput = workflow(
      "lifted",
      nodes: [
        arrayNode("a", inner: taskNode("inner", "square"), inputs: [bind("n", literal(.integer(1)))], original: true)
      ])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in
        try compiler(tasks: tasks).compile(scalarInput, subWorkflows: [])
      })
    #expect(failure.codes == [.typeMismatch])
  }

  @Test func malformedArrayNodesAreReported() throws {
    let template = workflow(
      "bad-array",
      nodes: [
        arrayNode("a", inner: taskNode("inner", "nowhere"), inputs: []),
        arrayNode("b", inner: Flyteidl_Core_Node(), inputs: []),
        arrayNode("c", inner: taskNode("inner", "mapped-square", []), inputs: [bind("n", list())], ratio: 1.5),
      ])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.unknownTask, .invalidArrayNode, .invalidArrayNode])
    #expect(failure.errors.map(\.node) == ["a", "b", "c"])
  }

  func gate(
    _ id: String, _ condition: Flyteidl_Core_GateNode.OneOf_Condition?, inputs: [Flyteidl_Core_Binding] = []
  ) -> Flyteidl_Core_Node {
    var gate = Flyteidl_Core_GateNode()
    gate.condition = condition
    var node = Flyteidl_Core_Node()
    node.id = id
    node.inputs = inputs
    node.gateNode = gate
    return node
  }

  @Test func gateNodesHaveTheirInterfaces() throws {
    var signal = Flyteidl_Core_SignalCondition()
    signal.signalID = "number"
    signal.type = T.int
    signal.outputVariableName = "o0"
    var approve = Flyteidl_Core_ApproveCondition()
    approve.signalID = "ok"
    var sleep = Flyteidl_Core_SleepCondition()
    sleep.duration = Google_Protobuf_Duration(seconds: 5)
    let template = workflow(
      "gates", inputs: [("a", T.int)], outputs: [("o", T.int)],
      nodes: [
        taskNode("n0", "square", [bind("n", input("a"))]),
        gate("sleep", .sleep(sleep)),
        gate("wait", .signal(signal)),
        gate("approve", .approve(approve), inputs: [bind("o0", promise("n0", "o0"))]),
        taskNode("n1", "square", [bind("n", promise("wait", "o0"))]),
        taskNode("n2", "square", [bind("n", promise("approve", "o0"))]),
      ], bindings: [bind("o", promise("n2", "o0"))])
    let closure = try compiler(tasks: tasks).compile(template, subWorkflows: [])
    #expect(closure.primary.upstream("approve") == ["n0"])
    #expect(closure.primary.upstream("n2") == ["approve"])

    var wrong = template
    wrong.nodes[4] = taskNode("n1", "sum", [bind("xs", promise("wait", "o0"))])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(wrong, subWorkflows: []) })
    #expect(failure.codes == [.typeMismatch])
  }

  @Test func malformedGatesAreReported() throws {
    let template = workflow(
      "bad-gates",
      nodes: [
        gate("g0", nil),
        gate("g1", .sleep(.init())),
        gate("g2", .signal(.init())),
        gate("g3", .approve(.init())),
      ])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.invalidGate, .invalidGate, .invalidGate, .invalidGate, .invalidGate, .invalidGate])
    #expect(failure.errors.map(\.node) == ["g0", "g1", "g2", "g2", "g2", "g3"])
  }

  @Test func failureNodeIsCompiledAndPolicyKept() throws {
    var template = workflow(
      "with-handler", inputs: [("a", T.int)], nodes: [taskNode("n0", "square", [bind("n", input("a"))])])
    template.metadata.onFailure = .failAfterExecutableNodesComplete
    template.failureNode = taskNode("efn", "cleanup", [bind("err", literal(scalar: .noneType(.init())))])
    let closure = try compiler(tasks: tasks).compile(template, subWorkflows: [])
    #expect(closure.primary.template.failureNode.id == "efn")
    #expect(closure.primary.template.metadata.onFailure == .failAfterExecutableNodesComplete)
    #expect(closure.tasks.map(\.template.id.name).contains("cleanup"))
    #expect(!closure.primary.nodeIDs.contains("efn"))

    template.failureNode = taskNode("efn", "nowhere")
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.unknownTask])
    #expect(failure.errors[0].node == "efn")
  }

  @Test func attributePathsReadDataclassFields() throws {
    let good = workflow(
      "attrs",
      nodes: [
        taskNode("n0", "make-point"),
        taskNode("n1", "square", [bind("n", promise("n0", "o0", path: ["x"]))]),
        taskNode("n2", "use-point", [bind("p", promise("n0", "o0"))]),
      ])
    _ = try compiler(tasks: tasks).compile(good, subWorkflows: [])
    var bad = good
    bad.nodes[1] = taskNode("n1", "square", [bind("n", promise("n0", "o0", path: ["y"]))])
    bad.nodes.append(taskNode("n3", "square", [bind("n", promise("n0", "o0", path: ["z"]))]))
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(bad, subWorkflows: []) })
    #expect(failure.codes == [.typeMismatch, .unknownField])
  }

  @Test func msgpackBinaryLiteralsBindToStructs() throws {
    var binary = Flyteidl_Core_Binary()
    binary.tag = "msgpack"
    let template = workflow(
      "binary", nodes: [taskNode("n0", "use-point", [bind("p", literal(scalar: .binary(binary)))])])
    _ = try compiler(tasks: tasks).compile(template, subWorkflows: [])
  }

  @Test func enumLiteralsMustBeEnumValues() throws {
    let good = workflow("enum", nodes: [taskNode("n0", "color", [bind("c", literal(.stringValue("red")))])])
    _ = try compiler(tasks: tasks).compile(good, subWorkflows: [])
    let bad = workflow("enum", nodes: [taskNode("n0", "color", [bind("c", literal(.stringValue("blue")))])])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(bad, subWorkflows: []) })
    #expect(failure.codes == [.invalidEnumValue])
  }

  @Test func collectionsBoundIntoUnionsPickOneVariant() throws {
    let good = workflow(
      "union",
      nodes: [
        taskNode("n0", "either", [bind("v", list(literal(.integer(1))))]),
        taskNode("n1", "either", [bind("v", map(["k": literal(.integer(1))]))]),
      ])
    _ = try compiler(tasks: tasks).compile(good, subWorkflows: [])
    let bad = workflow("union", nodes: [taskNode("n0", "either", [bind("v", list(literal(.stringValue("x"))))])])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(bad, subWorkflows: []) })
    #expect(failure.codes == [.incompatibleUnionBinding])
  }

  @Test func promisesInsideCollectionsAndMapsCreateEdges() throws {
    let template = workflow(
      "nested-promises", inputs: [("a", T.int)],
      nodes: [
        taskNode("n0", "square", [bind("n", input("a"))]),
        taskNode("n1", "square", [bind("n", input("a"))]),
        taskNode("n2", "sum", [bind("xs", list(promise("n0", "o0"), literal(.integer(3))))]),
        taskNode("n3", "either", [bind("v", map(["k": promise("n1", "o0")]))]),
      ])
    let closure = try compiler(tasks: tasks).compile(template, subWorkflows: [])
    #expect(closure.primary.upstream("n2") == ["n0"])
    #expect(closure.primary.upstream("n3") == ["n1"])
    let compiledN2 = try #require(closure.primary.template.nodes.first { $0.id == "n2" })
    #expect(compiledN2.inputs[0].binding.collection.bindings[0].promise.nodeID == "n0")
  }

  @Test func compilesADynamicJob() throws {
    var job = Flyteidl_Core_DynamicJobSpec()
    job.tasks = [task("inner", inputs: [("n", T.int)], outputs: [("o0", T.int)])]
    job.nodes = [
      taskNode("dn0", "inner", [bind("n", input("n"))]),
      taskNode("dn1", "inner", [bind("n", promise("dn0", "o0"))]),
      taskNode("dn2", "sum", [bind("xs", list(promise("dn0", "o0"), promise("dn1", "o0")))]),
    ]
    job.outputs = [bind("o0", promise("dn2", "o0"))]
    let parent = interface(inputs: [("n", T.int)], outputs: [("o0", T.int)])
    let closure = try compiler(tasks: tasks).compileDynamic(job, parentInterface: parent, nodeID: "n3")
    #expect(closure.primary.template.id.name == "dynamic_n3")
    #expect(closure.primary.upstream("dn2") == ["dn0", "dn1"])
    #expect(closure.tasks.map(\.template.id.name) == ["inner", "sum"])

    let wrongOutputs = interface(inputs: [("n", T.int)], outputs: [("o0", T.str)])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in
        try compiler(tasks: tasks).compileDynamic(job, parentInterface: wrongOutputs, nodeID: "n3")
      })
    #expect(failure.codes == [.typeMismatch])
    #expect(failure.errors[0].workflow == "dynamic_n3")
  }
}
