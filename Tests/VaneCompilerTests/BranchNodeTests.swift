import FlyteIDL
import Testing
import VaneCompiler

@Suite struct BranchNodeTests {
  let tasks = [
    task("square", inputs: [("n", T.int)], outputs: [("o0", T.int), ("extra", T.str)]),
    task("double", inputs: [("n", T.int)], outputs: [("o0", T.int)]),
    task("label", inputs: [("n", T.int)], outputs: [("o0", T.str)]),
    task("consume", inputs: [("n", T.int)], outputs: []),
  ]

  /// `if n > 2 then square elif n < 0 then double else fail`, result consumed downstream.
  func template(
    otherwise: Otherwise, elifTask: String = "double", condition: Flyteidl_Core_BooleanExpression? = nil
  ) -> Flyteidl_Core_WorkflowTemplate {
    let branch = branchNode(
      "b", [bind(".n", input("n"))],
      cases: [
        (
          condition ?? compare(operand(var: ".n"), .gt, operand(.integer(2))),
          taskNode("n0", "square", [bind("n", input("n"))])
        ),
        (compare(operand(var: ".n"), .lt, operand(.integer(0))), taskNode("n1", elifTask, [bind("n", input("n"))])),
      ],
      otherwise: otherwise)
    return workflow(
      "branching", inputs: [("n", T.int)], outputs: [("out", T.int)],
      nodes: [branch, taskNode("c", "consume", [bind("n", promise("b", "o0"))])],
      bindings: [bind("out", promise("b", "o0"))])
  }

  @Test func compilesLegsWithRenamedIdsAndCommonOutputs() throws {
    let closure = try compiler(tasks: tasks).compile(template(otherwise: .fail("negative")), subWorkflows: [])
    let primary = closure.primary
    let branch = try #require(primary.template.nodes.first { $0.id == "b" })
    #expect(branch.branchNode.ifElse.case.thenNode.id == "b-n0")
    #expect(branch.branchNode.ifElse.other[0].thenNode.id == "b-n1")
    #expect(branch.branchNode.ifElse.case.thenNode.inputs[0].binding.promise.nodeID == "start-node")
    #expect(primary.upstream("b") == ["start-node"])
    #expect(primary.upstream("b-n0") == ["start-node"])
    #expect(primary.upstream("c") == ["b"])
    #expect(primary.downstream("b") == ["c", "end-node"])
    #expect(closure.tasks.map(\.template.id.name) == ["consume", "double", "square"])
  }

  @Test func onlyOutputsCommonToAllLegsAreVisible() throws {
    var broken = template(otherwise: .fail("negative"))
    broken.nodes[1] = taskNode("c", "consume", [bind("n", promise("b", "extra"))])
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(broken, subWorkflows: []) })
    #expect(failure.codes == [.unknownVariable])
    #expect(failure.errors[0].node == "c")
  }

  @Test func legsMustAgreeOnOutputTypes() throws {
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in
        try compiler(tasks: tasks).compile(template(otherwise: .fail("x"), elifTask: "label"), subWorkflows: [])
      })
    #expect(failure.codes.first == .typeMismatch)
    #expect(failure.errors[0].node == "b-n1")
  }

  @Test func aBranchNeedsAnElse() throws {
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in
        try compiler(tasks: tasks).compile(template(otherwise: .nothing), subWorkflows: [])
      })
    #expect(failure.codes.contains(.invalidBranch))
  }

  @Test func elseNodeCompiles() throws {
    let closure = try compiler(tasks: tasks).compile(
      template(otherwise: .node(taskNode("n2", "double", [bind("n", literal(.integer(0)))]))), subWorkflows: [])
    let branch = try #require(closure.primary.template.nodes.first { $0.id == "b" })
    #expect(branch.branchNode.ifElse.elseNode.id == "b-n2")
  }

  @Test(arguments: [
    (compare(operand(var: ".n"), .gt, operand(.stringValue("2"))), CompilerError.Code.invalidCondition),
    (compare(operand(var: ".m"), .gt, operand(.integer(2))), CompilerError.Code.unknownVariable),
    (
      and(
        compare(operand(var: ".n"), .gt, operand(.integer(1))),
        compare(operand(var: ".n"), .lt, operand(.floatValue(9)))), CompilerError.Code.invalidCondition
    ),
    (Flyteidl_Core_BooleanExpression(), CompilerError.Code.invalidCondition),
  ])
  func conditionsAreChecked(_ condition: Flyteidl_Core_BooleanExpression, _ code: CompilerError.Code) throws {
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in
        try compiler(tasks: tasks).compile(template(otherwise: .fail("x"), condition: condition), subWorkflows: [])
      })
    #expect(failure.codes == [code])
    #expect(failure.errors[0].node == "b")
  }

  @Test func compoundConditionsCompile() throws {
    let condition = and(
      compare(operand(var: ".n"), .gt, operand(.integer(1))), compare(operand(var: ".n"), .lt, operand(.integer(9))))
    _ = try compiler(tasks: tasks).compile(template(otherwise: .fail("x"), condition: condition), subWorkflows: [])
  }

  @Test func nestedBranchesCompileAndReportInnerErrors() throws {
    let inner = branchNode(
      "inner", [bind(".n", input("n"))],
      cases: [
        (compare(operand(var: ".n"), .lt, operand(.integer(5))), taskNode("n0", "double", [bind("n", input("n"))]))
      ],
      otherwise: .fail("too big"))
    let outer = branchNode(
      "outer", [bind(".n", input("n"))],
      cases: [(compare(operand(var: ".n"), .gt, operand(.integer(0))), inner)],
      otherwise: .node(taskNode("n1", "square", [bind("n", input("n"))])))
    let good = workflow(
      "nested", inputs: [("n", T.int)], outputs: [("out", T.int)], nodes: [outer],
      bindings: [bind("out", promise("outer", "o0"))])
    let closure = try compiler(tasks: tasks).compile(good, subWorkflows: [])
    let compiledOuter = try #require(closure.primary.template.nodes.first { $0.id == "outer" })
    let compiledInner = compiledOuter.branchNode.ifElse.case.thenNode
    #expect(compiledInner.id == "outer-inner")
    #expect(compiledInner.branchNode.ifElse.case.thenNode.id == "outer-inner-n0")
    #expect(closure.primary.upstream("outer-inner-n0") == ["start-node"])

    var bad = good
    var badInner = inner
    badInner.branchNode.ifElse.case.thenNode = taskNode("n0", "double", [bind("n", literal(.stringValue("x")))])
    var badOuter = outer
    badOuter.branchNode.ifElse.case.thenNode = badInner
    bad.nodes = [badOuter]
    let failure = try #require(
      compileFailure { () throws(CompilationFailure) in try compiler(tasks: tasks).compile(bad, subWorkflows: []) })
    #expect(failure.codes == [.typeMismatch])
    #expect(failure.errors[0].node == "outer-inner-n0")
  }
}
