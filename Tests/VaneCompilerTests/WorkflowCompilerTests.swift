import FlyteIDL
import Testing
import VaneCompiler

@Suite struct WorkflowCompilerTests {
  let tasks = [
    task("double", inputs: [("x", T.int)], outputs: [("o0", T.int)]),
    task("greet", inputs: [("name", T.str)], outputs: [("o0", T.str)]),
    task("maybe", inputs: [("x", T.optional(T.int))], outputs: []),
    task("unused", inputs: [], outputs: []),
  ]

  /// start -> n0 -> n1 -> end, with n2 standing alone.
  var chain: Flyteidl_Core_WorkflowTemplate {
    workflow(
      "chain", inputs: [("a", T.int)], outputs: [("out", T.int)],
      nodes: [
        taskNode("n0", "double", [bind("x", input("a"))]),
        taskNode("n1", "double", [bind("x", promise("n0", "o0"))], after: ["n0"]),
        taskNode("n2", "maybe"),
      ],
      bindings: [bind("out", promise("n1", "o0"))])
  }

  @Test func compilesAChainWithStartAndEndNodes() throws {
    let closure = try compiler(tasks: tasks).compile(chain, subWorkflows: [])
    let primary = closure.primary
    #expect(primary.nodeIDs == ["start-node", "end-node", "n0", "n1", "n2"])
    #expect(primary.upstream("n0") == ["start-node"])
    #expect(primary.upstream("n1") == ["n0"])
    #expect(primary.upstream("n2") == ["start-node"])
    #expect(primary.upstream("end-node") == ["n1", "n2"])
    #expect(primary.downstream("start-node") == ["n0", "n2"])
    #expect(primary.downstream("n0") == ["n1"])
    // Workflow-input promises name start-node in the compiled template.
    #expect(primary.template.nodes[2].inputs[0].binding.promise.nodeID == "start-node")
    #expect(primary.template.nodes[1].inputs.map(\.var) == ["out"])
    // Only referenced tasks are in the closure.
    #expect(closure.tasks.map(\.template.id.name) == ["double", "maybe"])
  }

  @Test func compilesAnAdminWorkflowSpec() throws {
    var spec = Flyteidl_Admin_WorkflowSpec()
    spec.template = chain
    let closure = try compiler(tasks: tasks).compile(spec)
    #expect(closure.primary.template.id.name == "chain")
  }

  @Test func reportsACycleWithItsNodes() throws {
    let template = workflow(
      "loop", inputs: [("a", T.int)],
      nodes: [
        taskNode("n0", "double", [bind("x", input("a"))]),
        taskNode("n1", "double", [bind("x", promise("n3", "o0"))]),
        taskNode("n2", "double", [bind("x", promise("n1", "o0"))]),
        taskNode("n3", "double", [bind("x", promise("n2", "o0"))]),
      ])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.cycle])
    #expect(failure.errors[0].message.contains("n1 -> n2 -> n3 -> n1"))
    #expect(failure.errors[0].workflow == "loop")
  }

  @Test func reportsASelfLoop() throws {
    let template = workflow("self", nodes: [taskNode("n0", "double", [bind("x", promise("n0", "o0"))])])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.cycle])
  }

  @Test func reportsADanglingPromise() throws {
    let template = workflow("dangling", nodes: [taskNode("n0", "double", [bind("x", promise("nope", "o0"))])])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.unknownNode])
    #expect(failure.errors[0].node == "n0")
    #expect(failure.errors[0].message.contains("'nope'"))
  }

  @Test func reportsAMissingOutputOfAnExistingNode() throws {
    let template = workflow(
      "missing-output", inputs: [("a", T.int)],
      nodes: [
        taskNode("n0", "double", [bind("x", input("a"))]),
        taskNode("n1", "double", [bind("x", promise("n0", "o7"))]),
      ])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.unknownVariable])
    #expect(failure.errors[0].node == "n1")
  }

  @Test func reportsAnUnknownTask() throws {
    let template = workflow("unknown", nodes: [taskNode("n0", "nowhere")])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.unknownTask])
    #expect(failure.errors[0].message.contains("p/d/nowhere@v1"))
  }

  @Test func reportsAMissingRequiredInputButNotAnOptionalOne() throws {
    let template = workflow("missing", nodes: [taskNode("n0", "double"), taskNode("n1", "maybe")])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.missingRequiredInput])
    #expect(failure.errors[0].node == "n0")
  }

  @Test(arguments: [
    (literal(.stringValue("three")), CompilerError.Code.typeMismatch),
    (literal(.floatValue(3.0)), CompilerError.Code.typeMismatch),
    (literal(.boolean(true)), CompilerError.Code.typeMismatch),
    (list(literal(.integer(1))), CompilerError.Code.typeMismatch),
    (Flyteidl_Core_BindingData(), CompilerError.Code.missingValue),
  ])
  func reportsAWrongLiteral(_ data: Flyteidl_Core_BindingData, _ code: CompilerError.Code) throws {
    let template = workflow("literal", nodes: [taskNode("n0", "double", [bind("x", data)])])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [code])
  }

  @Test func acceptsLiteralsThatFit() throws {
    let template = workflow(
      "literal",
      nodes: [
        taskNode("n0", "double", [bind("x", literal(.integer(3)))]),
        taskNode("n1", "maybe", [bind("x", literal(scalar: .noneType(.init())))]),
        taskNode("n2", "maybe", [bind("x", literal(.integer(3)))]),
      ])
    _ = try compiler(tasks: tasks).compile(template, subWorkflows: [])
  }

  @Test func reportsBindingProblemsOnTheConsumer() throws {
    let template = workflow(
      "bindings", inputs: [("a", T.int), ("s", T.str)],
      nodes: [
        taskNode("n0", "double", [bind("x", input("a")), bind("x", input("a"))]),
        taskNode("n1", "double", [bind("x", input("a")), bind("y", input("a"))]),
        taskNode("n2", "double", [bind("x", input("s"))]),
        taskNode("n3", "double", [bind("x", input("zz"))]),
      ])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.duplicateBinding, .unknownVariable, .typeMismatch, .unknownVariable])
    #expect(failure.errors.map(\.node) == ["n0", "n1", "n2", "n3"])
    #expect(failure.errors[2].message.contains("workflow input 's' is str but input 'x' expects int"))
  }

  @Test func checksWorkflowOutputs() throws {
    let template = workflow(
      "outputs", inputs: [("a", T.int)], outputs: [("o", T.int), ("p", T.str), ("q", T.int)],
      nodes: [
        taskNode("n0", "double", [bind("x", input("a"))])
      ], bindings: [bind("o", promise("n0", "o0")), bind("p", promise("n0", "o0"))])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.typeMismatch, .unboundOutput])
    #expect(failure.errors.allSatisfy { $0.node == "end-node" })
  }

  @Test func reportsDuplicateAndReservedIDsAndEmptyWorkflows() throws {
    let template = workflow(
      "ids", inputs: [("a", T.int)],
      nodes: [
        taskNode("n0", "double", [bind("x", input("a"))]),
        taskNode("n0", "double", [bind("x", input("a"))]),
        taskNode("start-node", "double", [bind("x", input("a"))]),
      ])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(failure.codes == [.duplicateNodeID, .reservedNodeID])
    let empty = workflow("empty", nodes: [])
    let emptyFailure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(empty, subWorkflows: []) })
    #expect(emptyFailure.codes == [.noNodes])
    #expect(emptyFailure.errors[0].node == nil)
  }

  @Test func reportsEveryErrorInOnePass() throws {
    let template = workflow(
      "broken", inputs: [("a", T.int)], outputs: [("out", T.str)],
      nodes: [
        taskNode("n0", "nowhere", [bind("x", input("a"))]),
        taskNode("n1", "double"),
        taskNode("n2", "double", [bind("x", literal(.stringValue("x")))]),
        taskNode("n3", "double", [bind("x", promise("ghost", "o0"))]),
        taskNode("n4", "greet", [bind("name", promise("n5", "o0"))]),
        taskNode("n5", "greet", [bind("name", promise("n4", "o0"))]),
        taskNode("n6", "double", [bind("x", input("a"))], after: ["phantom"]),
      ], bindings: [bind("out", promise("n1", "o0"))])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(template, subWorkflows: []) }
    )
    #expect(
      failure.codes == [
        .unknownTask, .missingRequiredInput, .typeMismatch, .unknownNode, .unknownNode, .typeMismatch, .cycle,
      ])
    #expect(failure.errors.map(\.node) == ["n0", "n1", "n2", "n3", "n6", "end-node", "n4"])
    #expect(failure.errors.allSatisfy { $0.workflow == "broken" })
    let text = failure.description
    #expect(text.hasPrefix("compilation failed with 7 errors:"))
    #expect(text.contains("workflow broken, node n1: required input 'x' (int) is not bound"))
  }
}

@Suite struct LargeWorkflowTests {
  @Test func compilesALongChainWithoutRecursionLimits() throws {
    let count = 20_000
    var nodes = [taskNode("n0", "double", [bind("x", input("a"))])]
    for index in 1..<count {
      nodes.append(taskNode("n\(index)", "double", [bind("x", promise("n\(index - 1)", "o0"))]))
    }
    let template = workflow(
      "long", inputs: [("a", T.int)], outputs: [("o", T.int)], nodes: nodes,
      bindings: [bind("o", promise("n\(count - 1)", "o0"))])
    let closure = try compiler(tasks: [task("double", inputs: [("x", T.int)], outputs: [("o0", T.int)])]).compile(
      template, subWorkflows: [])
    #expect(closure.primary.template.nodes.count == count + 2)
    #expect(closure.primary.upstream("end-node") == ["n\(count - 1)"])
  }
}
