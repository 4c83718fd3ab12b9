public import FlyteIDL
import VaneModel

/// A compiled closure prepared for execution: the primary workflow and every subworkflow as
/// graphs, and task templates by id. Built once per execution spec and shared by its rounds.
public struct ExecutionPlan: Sendable {
  public let primary: WorkflowGraph
  private let subWorkflows: [EntityKey: WorkflowGraph]
  private let tasks: [EntityKey: Flyteidl_Core_TaskTemplate]

  public init(_ closure: Flyteidl_Core_CompiledWorkflowClosure) {
    primary = WorkflowGraph(closure.primary)
    subWorkflows = Dictionary(
      closure.subWorkflows.map { (EntityKey($0.template.id), WorkflowGraph($0)) },
      uniquingKeysWith: { first, _ in first })
    tasks = Dictionary(
      closure.tasks.map { (EntityKey($0.template.id), $0.template) }, uniquingKeysWith: { first, _ in first })
  }

  /// The subworkflow with this id, if the closure has it.
  public func subWorkflow(_ id: Flyteidl_Core_Identifier) -> WorkflowGraph? {
    subWorkflows[EntityKey(id)]
  }

  /// The task template with this id, if the closure has it.
  public func task(_ id: Flyteidl_Core_Identifier) -> Flyteidl_Core_TaskTemplate? {
    tasks[EntityKey(id)]
  }
}
