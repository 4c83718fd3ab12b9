public import FlyteIDL

/// The registered entities that references in a workflow resolve against.
///
/// Keys are matched on project, domain, name, version and org; the resource type is ignored,
/// so a task keyed with `resourceType = .task` is found by a reference with any resource type.
public struct EntityCatalog: Sendable {
  /// Task templates by id.
  public var tasks: [Flyteidl_Core_Identifier: Flyteidl_Core_TaskTemplate]
  /// Workflow templates by id: sub-workflows not shipped with a spec, and the workflows of
  /// launch plans whose interface must be derived.
  public var workflows: [Flyteidl_Core_Identifier: Flyteidl_Core_WorkflowTemplate]
  /// Launch plans by id. A launch plan node's interface comes from the launch plan's closure
  /// (`expected_inputs` / `expected_outputs`) when filled, otherwise from its workflow: the
  /// workflow's inputs minus fixed inputs, with defaulted inputs optional.
  public var launchPlans: [Flyteidl_Core_Identifier: Flyteidl_Admin_LaunchPlan]

  /// Creates a catalog from dictionaries keyed by id.
  public init(
    tasks: [Flyteidl_Core_Identifier: Flyteidl_Core_TaskTemplate] = [:],
    workflows: [Flyteidl_Core_Identifier: Flyteidl_Core_WorkflowTemplate] = [:],
    launchPlans: [Flyteidl_Core_Identifier: Flyteidl_Admin_LaunchPlan] = [:]
  ) {
    self.tasks = tasks
    self.workflows = workflows
    self.launchPlans = launchPlans
  }

  /// Creates a catalog from entities, each keyed by its own id (later duplicates win).
  public init(
    tasks: [Flyteidl_Core_TaskTemplate],
    workflows: [Flyteidl_Core_WorkflowTemplate] = [],
    launchPlans: [Flyteidl_Admin_LaunchPlan] = []
  ) {
    self.init(
      tasks: Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last }),
      workflows: Dictionary(workflows.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last }),
      launchPlans: Dictionary(launchPlans.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    )
  }
}
