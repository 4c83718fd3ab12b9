import FlyteIDL
import SwiftProtobuf
import Testing
import VaneCompiler
import VaneModel

/// Durations and counts a spec gives are range-checked at compile time (issue #9, repro 2): a
/// node timeout of 10^17 s, a negative sleep or `retries = 2^32 − 1` is refused with the field
/// named, all problems at once.
@Suite struct SpecLimitTests {
  static let square = task("square", inputs: [("n", T.int)], outputs: [("o0", T.int)])

  func node(timeout seconds: Int64? = nil, retries: UInt32? = nil) -> Flyteidl_Core_Node {
    var node = taskNode("n0", "square", [bind("n", literal(.integer(2)))])
    if let seconds { node.metadata.timeout = Google_Protobuf_Duration(seconds: seconds) }
    if let retries { node.metadata.retries.retries = retries }
    return node
  }

  func sleepGate(seconds: Int64, nanos: Int32 = 0) -> Flyteidl_Core_Node {
    var sleep = Flyteidl_Core_SleepCondition()
    sleep.duration = Google_Protobuf_Duration(seconds: seconds, nanos: nanos)
    var node = Flyteidl_Core_Node()
    node.id = "nap"
    node.gateNode.sleep = sleep
    return node
  }

  func failure(_ nodes: [Flyteidl_Core_Node], tasks: [Flyteidl_Core_TaskTemplate] = [square]) -> CompilationFailure? {
    let template = workflow("limits", nodes: nodes)
    return compileFailure { () throws(CompilationFailure) in
      try compiler(tasks: tasks).compile(template, subWorkflows: [])
    }
  }

  @Test func valuesWithinTheLimitsCompile() {
    let longest = SpecLimits.maxDurationSeconds
    #expect(failure([node(timeout: longest, retries: SpecLimits.maxRetries), sleepGate(seconds: longest)]) == nil)
  }

  @Test func aHugeNodeTimeoutIsRefused() throws {
    let errors = try #require(failure([node(timeout: 100_000_000_000_000_000)])).errors
    #expect(errors.map(\.code) == [.outOfRange])
    #expect(errors.first?.node == "n0")
    #expect(errors.first?.message.contains("metadata.timeout is 100000000000000000 s") == true, "\(errors)")
  }

  @Test func retriesThatWouldOverflowAreRefused() throws {
    let errors = try #require(failure([node(retries: .max)])).errors
    #expect(errors.map(\.code) == [.outOfRange])
    #expect(errors.first?.message.contains("metadata.retries is 4294967295") == true, "\(errors)")
  }

  @Test(arguments: [(-1, 0), (0, -5), (1, 2_000_000_000), (1, -1), (Int64.max, 0)] as [(Int64, Int32)])
  func badSleepDurationsAreRefused(seconds: Int64, nanos: Int32) throws {
    let errors = try #require(failure([sleepGate(seconds: seconds, nanos: nanos)])).errors
    #expect(errors.map(\.code) == [.outOfRange], "\(errors)")
    #expect(errors.first?.node == "nap")
  }

  @Test func theTaskANodeRunsIsCheckedAndEveryProblemIsListed() throws {
    var slow = Self.square
    slow.metadata.timeout = Google_Protobuf_Duration(seconds: .max)
    slow.metadata.retries.retries = 4_000_000_000
    let errors = try #require(failure([node(timeout: -3)], tasks: [slow])).errors
    #expect(errors.count == 3, "\(errors)")
    #expect(Set(errors.map(\.code)) == [.outOfRange])
    #expect(WorkflowCompiler.limitProblems(of: slow).count == 2)
    #expect(WorkflowCompiler.limitProblems(of: Self.square).isEmpty)
  }

  @Test func aDynamicSubgraphIsCheckedToo() throws {
    var job = Flyteidl_Core_DynamicJobSpec()
    job.nodes = [node(timeout: 100_000_000_000_000_000)]
    job.tasks = [Self.square]
    let thrown = compileFailure { () throws(CompilationFailure) in
      try compiler(tasks: []).compileDynamic(job, parentInterface: .init(), nodeID: "d")
    }
    #expect(thrown?.errors.map(\.code) == [.outOfRange])
  }

  /// `levels` workflows, each running the next as a sub-workflow, the last running `square`.
  func nested(_ levels: Int) -> (Flyteidl_Core_WorkflowTemplate, [Flyteidl_Core_WorkflowTemplate]) {
    var templates: [Flyteidl_Core_WorkflowTemplate] = []
    for level in 0...levels {
      let inner =
        level == levels
        ? taskNode("n", "square", [bind("n", literal(.integer(1)))]) : subWorkflowNode("n", "wf\(level + 1)")
      templates.append(workflow("wf\(level)", nodes: [inner]))
    }
    return (templates[0], Array(templates.dropFirst()))
  }

  /// Issue #9, repro 7: 99 nested sub-workflows used to compile, then fail every round on
  /// protobuf's depth limit; the compiler now refuses them.
  @Test func nestingIsLimitedAtCompileTime() throws {
    let (allowed, allowedSubs) = nested(SpecLimits.maxNestingDepth)
    _ = try compiler(tasks: [Self.square]).compile(allowed, subWorkflows: allowedSubs)
    let (deep, subs) = nested(99)
    let thrown = compileFailure { () throws(CompilationFailure) in
      try compiler(tasks: [Self.square]).compile(deep, subWorkflows: subs)
    }
    let error = try #require(thrown?.errors.first)
    #expect(thrown?.errors.count == 1)
    #expect(error.code == .outOfRange)
    #expect(error.node == "n")
    #expect(error.message.contains("nests 99 levels deep"), "\(error.message)")
  }

  /// A recursive `@dynamic` is stopped where its subgraph would nest too deep.
  @Test func dynamicSubgraphsCountTheDepthTheyRunAt() throws {
    var job = Flyteidl_Core_DynamicJobSpec()
    job.nodes = [taskNode("n", "square", [bind("n", literal(.integer(1)))])]
    job.tasks = [Self.square]
    let compiler = compiler(tasks: [])
    _ = try compiler.compileDynamic(
      job, parentInterface: .init(), nodeID: "d", enclosingDepth: SpecLimits.maxNestingDepth)
    let thrown = compileFailure { () throws(CompilationFailure) in
      var inner = job
      inner.nodes = [subWorkflowNode("n", "leaf")]
      inner.subworkflows = [workflow("leaf", nodes: job.nodes)]
      return try compiler.compileDynamic(
        inner, parentInterface: .init(), nodeID: "d", enclosingDepth: SpecLimits.maxNestingDepth)
    }
    #expect(thrown?.errors.map(\.code) == [.outOfRange])
    #expect(thrown?.errors.first?.message.contains("16 of them around this dynamic subgraph") == true)
  }
}
