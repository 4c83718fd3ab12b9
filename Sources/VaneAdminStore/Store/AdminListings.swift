/// What each admin listing may filter and sort on (Flyte's field names → columns) and the
/// columns that break ties, the same in every database so a listing returns the same page
/// whatever the store.
enum AdminListings {
  /// Tasks, workflows and launch plans; ties by name, then version.
  static let entities: [ListField: String] = [
    .project: "project", .domain: "domain", .name: "name", .version: "version",
    .createdAt: "created_at", .updatedAt: "updated_at", .state: "state",
  ]
  static let entityTieBreak = ["name", "version"]

  /// Names of entities, sorted over the newest version of each name (`newest`).
  static let entityNames: [ListField: String] = [
    .project: "project", .domain: "domain", .name: "name", .createdAt: "newest", .updatedAt: "newest",
  ]
  static let entityNameColumns: [SQLColumn] = AdminTables.named.map(SQLColumn.text) + [.integer("newest")]

  /// Names with their metadata (`admin.NamedEntity`); ties by name, then project and domain.
  static let namedEntities: [ListField: String] = [
    .project: "project", .domain: "domain", .name: "name", .description: "description", .state: "state",
  ]
  static let namedEntityColumns: [SQLColumn] =
    AdminTables.named.map(SQLColumn.text) + [.text("description"), .integer("state")]
  static let namedEntityTieBreak = ["name", "project", "domain"]

  /// Executions; ties by name. `state` is the archive state.
  static let executions: [ListField: String] = [
    .project: "project", .domain: "domain", .name: "name", .createdAt: "created_at", .state: "state",
  ]

  /// Node executions: node_id, phase, created_at, updated_at; ties by node id.
  static let nodes: [ListField: String] = [
    .nodeID: "node_id", .phase: "phase", .createdAt: "created_at", .updatedAt: "updated_at",
  ]
  static let nodeTieBreak = ["node_id"]

  /// Task executions: phase, retry_attempt, created_at, updated_at; ties by attempt, then
  /// task name.
  static let tasks: [ListField: String] = [
    .phase: "phase", .retryAttempt: "retry_attempt", .createdAt: "created_at", .updatedAt: "updated_at",
  ]
  static let taskTieBreak = ["retry_attempt", "task_name"]
}
