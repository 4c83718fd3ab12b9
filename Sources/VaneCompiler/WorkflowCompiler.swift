public import FlyteIDL
import VaneModel

/// Compiles workflows into the closure the engine runs: every node's interface resolved, every
/// binding type-checked, upstream/downstream connections built, the graph checked for cycles
/// and unreachable nodes, and every referenced task and sub-workflow collected.
///
/// All problems are collected in one pass and thrown together as a `CompilationFailure`.
public struct WorkflowCompiler: Sendable {
  /// The registered entities references resolve against.
  public let catalog: EntityCatalog

  /// Creates a compiler over `catalog`.
  public init(catalog: EntityCatalog) {
    self.catalog = catalog
  }

  /// Compiles a registered workflow spec (its template plus the sub-workflows shipped with it).
  public func compile(
    _ spec: Flyteidl_Admin_WorkflowSpec
  ) throws(CompilationFailure) -> Flyteidl_Core_CompiledWorkflowClosure {
    try compile(spec.template, subWorkflows: spec.subWorkflows)
  }

  /// Compiles `workflow`; sub-workflow references resolve first against `subWorkflows`, then
  /// against the catalog.
  public func compile(
    _ workflow: Flyteidl_Core_WorkflowTemplate, subWorkflows: [Flyteidl_Core_WorkflowTemplate]
  ) throws(CompilationFailure) -> Flyteidl_Core_CompiledWorkflowClosure {
    let session = CompileSession(catalog: catalog, extraTasks: [], subWorkflows: subWorkflows)
    return try run(workflow, session: session)
  }

  /// Compiles a dynamic task's `futures.pb`. The job's nodes, with its `outputs` bindings as
  /// workflow outputs, form a workflow whose interface is the parent task's
  /// (`parentInterface`); its tasks and sub-workflows take precedence over the catalog's.
  /// The workflow is named `dynamic_<nodeID>`, as in Flyte. `enclosingDepth` is how deeply the
  /// subgraph runs nested in its execution (1 for a dynamic node at the top level): a recursive
  /// `@dynamic` stops with a clear error once it would nest deeper than
  /// `SpecLimits.maxNestingDepth`.
  public func compileDynamic(
    _ job: Flyteidl_Core_DynamicJobSpec, parentInterface: Flyteidl_Core_TypedInterface, nodeID: String,
    enclosingDepth: Int = 1
  ) throws(CompilationFailure) -> Flyteidl_Core_CompiledWorkflowClosure {
    var template = Flyteidl_Core_WorkflowTemplate()
    template.id.resourceType = .workflow
    template.id.name = "dynamic_\(nodeID)"
    template.interface = parentInterface
    template.nodes = job.nodes
    template.outputs = job.outputs
    let session = CompileSession(catalog: catalog, extraTasks: job.tasks, subWorkflows: job.subworkflows)
    return try run(template, session: session, enclosingDepth: enclosingDepth)
  }

  /// What is out of range in a task registered on its own (its timeout, its retries), one
  /// message per problem; empty when the task is within `SpecLimits`.
  public static func limitProblems(of task: Flyteidl_Core_TaskTemplate) -> [String] {
    LimitCheck.task(task)
  }

  private func run(
    _ workflow: Flyteidl_Core_WorkflowTemplate, session: CompileSession, enclosingDepth: Int = 0
  ) throws(CompilationFailure) -> Flyteidl_Core_CompiledWorkflowClosure {
    let primary = session.compilePrimary(workflow)
    guard session.errors.isEmpty, let primary else {
      throw CompilationFailure(errors: session.errors)
    }
    let closure = session.closure(primary: primary)
    var nesting = NestingCheck(closure)
    let deepest = nesting.deepest(in: primary.template)
    let depth = enclosingDepth + deepest.depth
    guard depth <= SpecLimits.maxNestingDepth else {
      let name = EntityKey(workflow.id).name
      let message =
        "the workflow nests \(depth) levels deep (sub-workflows, branches, map tasks and dynamic subgraphs "
        + "inside one another\(enclosingDepth > 0 ? ", \(enclosingDepth) of them around this dynamic subgraph" : "")); "
        + "at most \(SpecLimits.maxNestingDepth) are allowed"
      throw CompilationFailure(errors: [
        CompilerError(
          code: .outOfRange, message: message, workflow: name, node: deepest.node.isEmpty ? nil : deepest.node)
      ])
    }
    return closure
  }
}
