import FlyteIDL
import Testing
import VaneCompiler

@Suite struct WorkflowNodeTests {
  let tasks = [
    task("double", inputs: [("x", T.int)], outputs: [("o0", T.int)]),
    task("greet", inputs: [("name", T.str)], outputs: [("o0", T.str)]),
  ]

  var sub: Flyteidl_Core_WorkflowTemplate {
    workflow(
      "sub", inputs: [("a", T.int)], outputs: [("o0", T.int)],
      nodes: [taskNode("n0", "double", [bind("x", input("a"))])], bindings: [bind("o0", promise("n0", "o0"))])
  }

  @Test func compilesSubWorkflowsAndCollectsTheirTasks() throws {
    var deeper = workflow(
      "deeper", inputs: [("s", T.str)], outputs: [("o0", T.str)],
      nodes: [taskNode("n0", "greet", [bind("name", input("s"))])], bindings: [bind("o0", promise("n0", "o0"))])
    deeper.id = identifier("deeper", .workflow)
    var middle = sub
    middle.nodes.append(subWorkflowNode("n1", "deeper", [bind("s", literal(.stringValue("hi")))]))
    let parent = workflow(
      "parent", inputs: [("a", T.int)], outputs: [("r", T.int)],
      nodes: [subWorkflowNode("s0", "sub", [bind("a", input("a"))])], bindings: [bind("r", promise("s0", "o0"))])
    // `deeper` comes from the catalog, `sub` is shipped with the spec.
    let closure = try compiler(tasks: tasks, workflows: [deeper]).compile(parent, subWorkflows: [middle])
    #expect(closure.subWorkflows.map(\.template.id.name) == ["deeper", "sub"])
    let compiledSub = try #require(closure.subWorkflows.first { $0.template.id.name == "sub" })
    #expect(compiledSub.upstream("n0") == ["start-node"])
    #expect(compiledSub.nodeIDs == ["start-node", "end-node", "n0", "n1"])
    #expect(closure.tasks.map(\.template.id.name) == ["double", "greet"])
  }

  @Test func reportsErrorsInsideSubWorkflowsUnderTheirName() throws {
    var broken = sub
    broken.nodes = [taskNode("n0", "double", [bind("x", literal(.stringValue("no")))])]
    let parent = workflow(
      "parent", inputs: [("a", T.int)], nodes: [subWorkflowNode("s0", "sub", [bind("a", literal(.stringValue("x")))])])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in
        try compiler(tasks: tasks).compile(parent, subWorkflows: [broken])
      })
    #expect(failure.codes == [.typeMismatch, .typeMismatch])
    #expect(Set(failure.errors.map { "\($0.workflow)/\($0.node ?? "")" }) == ["parent/s0", "sub/n0"])
  }

  @Test func reportsUnknownAndRecursiveSubWorkflows() throws {
    let parent = workflow("parent", nodes: [subWorkflowNode("s0", "ghost")])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(parent, subWorkflows: []) })
    #expect(failure.codes == [.unknownWorkflow])
    let loop = workflow("loop", nodes: [subWorkflowNode("s0", "loop")])
    let loopFailure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(loop, subWorkflows: [loop]) }
    )
    #expect(loopFailure.codes == [.cycle])
  }

  func launchPlan(
    _ name: String, defaults: [String: Int64] = [:], fixed: [String: Int64] = [:]
  ) -> Flyteidl_Admin_LaunchPlan {
    var plan = Flyteidl_Admin_LaunchPlan()
    plan.id = identifier(name, .launchPlan)
    plan.spec.workflowID = identifier("two", .workflow)
    for (key, value) in defaults {
      var parameter = Flyteidl_Core_Parameter()
      parameter.var.type = T.int
      var literal = Flyteidl_Core_Literal()
      literal.scalar = scalar(.primitive(primitive(.integer(value))))
      parameter.default = literal
      plan.spec.defaultInputs.parameters[key] = parameter
    }
    for (key, value) in fixed {
      var literal = Flyteidl_Core_Literal()
      literal.scalar = scalar(.primitive(primitive(.integer(value))))
      plan.spec.fixedInputs.literals[key] = literal
    }
    return plan
  }

  var two: Flyteidl_Core_WorkflowTemplate {
    workflow(
      "two", inputs: [("a", T.int), ("b", T.int), ("c", T.int)], outputs: [("o0", T.int)],
      nodes: [taskNode("n0", "double", [bind("x", input("a"))])], bindings: [bind("o0", promise("n0", "o0"))])
  }

  @Test func launchPlanInterfaceDropsFixedInputsAndMakesDefaultsOptional() throws {
    let plan = launchPlan("lp", defaults: ["b": 2], fixed: ["c": 3])
    let derived = try #require(LaunchPlanInterface(launchPlan: plan, workflowInterface: two.interface))
    #expect(derived.inputs.parameters.keys.sorted() == ["a", "b"])
    #expect(derived.inputs.parameters["a"]?.required == true)
    #expect(derived.inputs.parameters["b"]?.required == false)
    #expect(derived.outputs.variables.keys.sorted() == ["o0"])

    let catalog = compiler(tasks: tasks, workflows: [two], launchPlans: [plan])
    // Only `a` is required; binding `b` is allowed; binding `c` (fixed) is not.
    let ok = workflow(
      "caller", outputs: [("r", T.int)], nodes: [launchPlanNode("l0", "lp", [bind("a", literal(.integer(1)))])],
      bindings: [bind("r", promise("l0", "o0"))])
    _ = try catalog.compile(ok, subWorkflows: [])
    let withDefault = workflow(
      "caller", nodes: [launchPlanNode("l0", "lp", [bind("a", literal(.integer(1))), bind("b", literal(.integer(5)))])])
    _ = try catalog.compile(withDefault, subWorkflows: [])
    let bad = workflow("caller", nodes: [launchPlanNode("l0", "lp", [bind("c", literal(.integer(1)))])])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try catalog.compile(bad, subWorkflows: []) })
    #expect(failure.codes == [.unknownVariable, .missingRequiredInput])
  }

  @Test func launchPlanClosureWinsWhenFilled() throws {
    var plan = launchPlan("lp")
    plan.spec.workflowID = identifier("not-registered", .workflow)
    var parameter = Flyteidl_Core_Parameter()
    parameter.var.type = T.str
    parameter.required = true
    plan.closure.expectedInputs.parameters["s"] = parameter
    plan.closure.expectedOutputs = variables([("o0", T.str)])
    let caller = workflow(
      "caller",
      nodes: [
        launchPlanNode("l0", "lp", [bind("s", literal(.stringValue("x")))]),
        taskNode("n1", "greet", [bind("name", promise("l0", "o0"))]),
      ])
    _ = try compiler(tasks: tasks, launchPlans: [plan]).compile(caller, subWorkflows: [])
  }

  @Test func reportsUnknownLaunchPlansAndUnderivableInterfaces() throws {
    let caller = workflow("caller", nodes: [launchPlanNode("l0", "lp")])
    let unknown = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(caller, subWorkflows: []) })
    #expect(unknown.codes == [.unknownLaunchPlan])
    let orphan = try #require(
      compileFailure { () throws(CompilationFailure) in
        try compiler(tasks: tasks, launchPlans: [launchPlan("lp")]).compile(caller, subWorkflows: [])
      })
    #expect(orphan.codes == [.unknownWorkflow])
  }
}
