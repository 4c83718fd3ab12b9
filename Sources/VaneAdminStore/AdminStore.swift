public import Foundation
public import VaneModel

/// The admin database: the registry of tasks, workflows and launch plans, the projects, and
/// the executions created through the API. `SQLAdminStore` implements it on
/// SQLite (the embedded default) and PostgreSQL.
///
/// Contract:
/// - every method is one transaction: a failure leaves nothing half-stored;
/// - `register` stores a new id, reports `.identical` for the same id with byte-equal
///   `spec`, and fails with `alreadyExists` for the same id with a different spec;
/// - listings apply every filter (AND), then sort (ties by name, version), then offset/limit;
/// - errors are `AdminError` (`notFound`, `alreadyExists`, `invalidArgument`, `internalError`).
public protocol AdminStore: Sendable {
  /// Stores a task, workflow or launch plan.
  func register(_ entity: RegisteredEntity) async throws(AdminError) -> RegistrationOutcome
  /// The entity of `kind` under `key`, or nil.
  func entity(_ kind: EntityKind, _ key: EntityKey) async throws(AdminError) -> RegisteredEntity?
  /// One page of entities of `kind`.
  func entities(_ kind: EntityKind, _ query: ListQuery) async throws(AdminError) -> Page<RegisteredEntity>
  /// One page of distinct names of entities of `kind` (filters on `version`, `created_at`
  /// match any version); sorted by `query.sort` over the newest version of each name.
  func entityNames(_ kind: EntityKind, _ query: ListQuery) async throws(AdminError) -> Page<EntityName>
  /// Sets a launch plan's state; activating one deactivates every other version of its name.
  func setLaunchPlanState(_ key: EntityKey, active: Bool, at time: Date) async throws(AdminError)
  /// The active version of a launch plan name, or nil.
  func activeLaunchPlan(_ name: EntityName) async throws(AdminError) -> RegisteredEntity?

  /// The metadata of the name of entities of `kind`, or nil when no version of it is registered.
  func namedEntity(_ kind: EntityKind, _ name: EntityName) async throws(AdminError) -> NamedEntityRecord?
  /// One page of the names of entities of `kind` that have a registered version, with their
  /// metadata (fields: project, domain, name, description, state; ties by name).
  func namedEntities(_ kind: EntityKind, _ query: ListQuery) async throws(AdminError) -> Page<NamedEntityRecord>
  /// Creates or replaces the metadata of a name; `notFound` when no version of it is registered.
  func updateNamedEntity(_ entity: NamedEntityRecord, at time: Date) async throws(AdminError)

  /// Adds a project; `alreadyExists` when its id is taken.
  func registerProject(_ project: ProjectRecord) async throws(AdminError)
  /// Replaces a project's name, description, labels and state; `notFound` when absent.
  func updateProject(_ project: ProjectRecord) async throws(AdminError)
  /// Every project, ordered by id.
  func projects() async throws(AdminError) -> [ProjectRecord]

  /// Records an execution created through the API; `alreadyExists` when its name is taken.
  func recordExecution(_ execution: ExecutionRecord) async throws(AdminError)
  /// Removes the record of an execution the engine never received (its start failed, or the
  /// server stopped between the two writes); false when there was none.
  func removeExecution(_ name: EntityName) async throws(AdminError) -> Bool
  /// The execution recorded under the name, or nil.
  func execution(_ name: EntityName) async throws(AdminError) -> ExecutionRecord?
  /// Sets an execution's archive state (`admin.ExecutionState`) and who changed it when;
  /// `notFound` when it is not recorded.
  func setExecutionState(_ name: EntityName, state: Int, by principal: String, at time: Date) async throws(AdminError)
  /// One page of recorded executions (fields: project, domain, name, created_at, state).
  func executions(_ query: ListQuery) async throws(AdminError) -> Page<ExecutionRecord>

  /// Creates or replaces the matchable attribute of `record`'s scope and resource type.
  func updateMatchableAttribute(_ record: MatchableAttributeRecord, at time: Date) async throws(AdminError)
  /// The attribute stored for exactly this scope and type, or nil.
  func matchableAttribute(
    _ scope: MatchableScope, resourceType: Int
  ) async throws(AdminError)
    -> MatchableAttributeRecord?
  /// Removes the attribute of exactly this scope and type; `notFound` when there is none.
  func deleteMatchableAttribute(_ scope: MatchableScope, resourceType: Int) async throws(AdminError)
  /// Every attribute of a resource type (only `project`'s, with org `org`, when `project` is
  /// given), ordered by org, project, domain, workflow, launch plan.
  func matchableAttributes(
    resourceType: Int, project: String?, org: String
  ) async throws(AdminError)
    -> [MatchableAttributeRecord]
}
