import FlyteIDL
import VaneModel

/// State shared by the compilation of one primary workflow and everything it references:
/// the entity indices, the tasks used so far, compiled sub-workflows and the errors found.
final class CompileSession {
  let tasks: [EntityKey: Flyteidl_Core_TaskTemplate]
  let workflows: [EntityKey: Flyteidl_Core_WorkflowTemplate]
  let launchPlans: [EntityKey: Flyteidl_Admin_LaunchPlan]

  private(set) var usedTasks: [EntityKey: Flyteidl_Core_TaskTemplate] = [:]
  private(set) var compiledSubWorkflows: [EntityKey: Flyteidl_Core_CompiledWorkflow] = [:]
  private var inProgress: Set<EntityKey> = []
  private var attempted: Set<EntityKey> = []
  var errors: [CompilerError] = []

  init(catalog: EntityCatalog, extraTasks: [Flyteidl_Core_TaskTemplate], subWorkflows: [Flyteidl_Core_WorkflowTemplate])
  {
    var tasks = catalog.tasks.byEntityKey()
    for task in extraTasks { tasks[EntityKey(task.id)] = task }
    self.tasks = tasks
    var workflows = catalog.workflows.byEntityKey()
    for workflow in subWorkflows { workflows[EntityKey(workflow.id)] = workflow }
    self.workflows = workflows
    self.launchPlans = catalog.launchPlans.byEntityKey()
  }

  /// Looks a task up and records it as used by the closure.
  func task(_ id: Flyteidl_Core_Identifier) -> Flyteidl_Core_TaskTemplate? {
    let key = EntityKey(id)
    guard let task = tasks[key] else { return nil }
    usedTasks[key] = task
    return task
  }

  /// The interface of a known launch plan, derived from its workflow when its closure is
  /// empty; nil when neither the closure nor the workflow is available.
  func launchPlanInterface(_ launchPlan: Flyteidl_Admin_LaunchPlan) -> LaunchPlanInterface? {
    let workflow = workflows[EntityKey(launchPlan.spec.workflowID)]
    return LaunchPlanInterface(launchPlan: launchPlan, workflowInterface: workflow.map(\.interface))
  }

  /// Compiles the primary workflow; a sub-workflow reference back to it is a cycle.
  func compilePrimary(_ template: Flyteidl_Core_WorkflowTemplate) -> Flyteidl_Core_CompiledWorkflow? {
    let key = EntityKey(template.id)
    inProgress.insert(key)
    attempted.insert(key)
    defer { inProgress.remove(key) }
    return WorkflowBuilder.compile(template, session: self)
  }

  /// Compiles a referenced sub-workflow once. Returns false when it includes itself.
  func compileSubWorkflow(_ key: EntityKey) -> Bool {
    if inProgress.contains(key) { return false }
    guard !attempted.contains(key), let template = workflows[key] else { return true }
    attempted.insert(key)
    inProgress.insert(key)
    if let compiled = WorkflowBuilder.compile(template, session: self) {
      compiledSubWorkflows[key] = compiled
    }
    inProgress.remove(key)
    return true
  }

  /// The closure around a compiled primary workflow, with tasks and sub-workflows sorted by id.
  func closure(primary: Flyteidl_Core_CompiledWorkflow) -> Flyteidl_Core_CompiledWorkflowClosure {
    var closure = Flyteidl_Core_CompiledWorkflowClosure()
    closure.primary = primary
    closure.subWorkflows = compiledSubWorkflows.keys.sorted().compactMap { compiledSubWorkflows[$0] }
    closure.tasks = usedTasks.keys.sorted().compactMap { key in
      usedTasks[key].map { task in
        var compiled = Flyteidl_Core_CompiledTask()
        compiled.template = task
        return compiled
      }
    }
    return closure
  }
}
