public import FlyteIDL
public import VaneModel

/// The entities of one flytekit package, with their identifiers filled in: tasks, workflows
/// and launch plans, and the fast-registration code archive when there is one.
///
/// Entities are sorted by name. Lookups by name find the entity of that name in this package;
/// lookups by identifier match project, domain, name and version (and org).
public struct FlytePackage: Sendable {
  /// Where the package was loaded from (archive path or directory), for messages.
  public let source: String
  /// The project, domain and version given to identifiers that lacked them.
  public let scope: RegistrationScope
  /// Task specs, sorted by name.
  public let tasks: [Flyteidl_Admin_TaskSpec]
  /// Workflow specs, sorted by name.
  public let workflows: [Flyteidl_Admin_WorkflowSpec]
  /// Launch plans, sorted by name.
  public let launchPlans: [Flyteidl_Admin_LaunchPlan]
  /// The user's code (`fast<digest>.tar.gz`), when the package was made with `--fast`.
  public let codeArchive: CodeArchive?

  private let taskIndex: EntityIndex
  private let workflowIndex: EntityIndex
  private let launchPlanIndex: EntityIndex

  /// Creates a package from entities as they are (no identifier is filled). When two
  /// entities of a kind share a name, lookups find the first.
  public init(
    source: String,
    scope: RegistrationScope,
    tasks: [Flyteidl_Admin_TaskSpec],
    workflows: [Flyteidl_Admin_WorkflowSpec],
    launchPlans: [Flyteidl_Admin_LaunchPlan],
    codeArchive: CodeArchive? = nil
  ) {
    self.source = source
    self.scope = scope
    self.tasks = Self.sorted(tasks, by: \.template.id)
    self.workflows = Self.sorted(workflows, by: \.template.id)
    self.launchPlans = Self.sorted(launchPlans, by: \.id)
    self.codeArchive = codeArchive
    taskIndex = EntityIndex(self.tasks.map(\.template.id))
    workflowIndex = EntityIndex(self.workflows.map(\.template.id))
    launchPlanIndex = EntityIndex(self.launchPlans.map(\.id))
  }

  /// The task named `name`, for example `mypkg.wf.add`.
  public func task(named name: String) -> Flyteidl_Admin_TaskSpec? {
    taskIndex.position(named: name).map { tasks[$0] }
  }

  /// The task with this identifier (resource type ignored).
  public func task(id: Flyteidl_Core_Identifier) -> Flyteidl_Admin_TaskSpec? {
    taskIndex.position(of: EntityKey(id)).map { tasks[$0] }
  }

  /// The workflow named `name`.
  public func workflow(named name: String) -> Flyteidl_Admin_WorkflowSpec? {
    workflowIndex.position(named: name).map { workflows[$0] }
  }

  /// The workflow with this identifier (resource type ignored).
  public func workflow(id: Flyteidl_Core_Identifier) -> Flyteidl_Admin_WorkflowSpec? {
    workflowIndex.position(of: EntityKey(id)).map { workflows[$0] }
  }

  /// The launch plan named `name`; a workflow's default launch plan has the workflow's name.
  public func launchPlan(named name: String) -> Flyteidl_Admin_LaunchPlan? {
    launchPlanIndex.position(named: name).map { launchPlans[$0] }
  }

  /// The launch plan with this identifier (resource type ignored).
  public func launchPlan(id: Flyteidl_Core_Identifier) -> Flyteidl_Admin_LaunchPlan? {
    launchPlanIndex.position(of: EntityKey(id)).map { launchPlans[$0] }
  }

  /// The names of all tasks, workflows and launch plans, sorted, each once.
  public var entityNames: [String] {
    Set(tasks.map(\.template.id.name) + workflows.map(\.template.id.name) + launchPlans.map(\.id.name))
      .sorted()
  }

  private static func sorted<Entity>(
    _ entities: [Entity], by id: (Entity) -> Flyteidl_Core_Identifier
  ) -> [Entity] {
    entities.enumerated()
      .map { (id($0.element).name, EntityKey(id($0.element)), $0.offset, $0.element) }
      .sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
      .map(\.3)
  }
}

/// Positions of entities by name and by full key; the first of duplicates wins.
private struct EntityIndex: Sendable {
  private var byName: [String: Int] = [:]
  private var byKey: [EntityKey: Int] = [:]

  init(_ identifiers: [Flyteidl_Core_Identifier]) {
    for (position, identifier) in identifiers.enumerated() {
      if byName[identifier.name] == nil { byName[identifier.name] = position }
      let key = EntityKey(identifier)
      if byKey[key] == nil { byKey[key] = position }
    }
  }

  func position(named name: String) -> Int? { byName[name] }

  func position(of key: EntityKey) -> Int? { byKey[key] }
}
