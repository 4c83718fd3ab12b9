/// The admin tables, the same in every database. Times are microseconds since 1970; encoded
/// flyteidl messages are blobs.
///
/// - `admin_entities`: tasks (kind 1), workflows (2) and launch plans (3), one row per full
///   id; `spec` is what re-registration compares, `closure` what Get returns, `state` the
///   launch plan state.
/// - `admin_projects`: projects as encoded `admin.Project` messages.
/// - `admin_executions`: executions created through the API (phase and data are the engine's),
///   with their archive state (`state`: `admin.ExecutionState`; when and by whom it last
///   changed, 0 and empty while it never did).
/// - `admin_named_entities`: the metadata of a task, workflow or launch plan name (description,
///   `admin.NamedEntityState`), one row per name once it was updated; a name without a row has
///   the defaults (empty, active).
/// - `admin_matchable_attributes`: FlyteAdmin's matchable attributes, one row per (org,
///   project, domain, workflow, launch plan, resource type); empty scope fields mean "any";
///   `attributes` is the encoded `admin.MatchingAttributes`.
/// - `admin_node_executions`, `admin_task_executions`: built from the engine's events;
///   `message` is the encoded `admin.NodeExecution` / `admin.TaskExecution`.
/// - `admin_feed_positions`: how far each event feed has been applied.
/// - `admin_schedule_fires`: every scheduled launch fired, one row per (plan, time).
enum AdminTables {
  /// Org, project, domain and name: how entities, executions and schedule fires are named.
  static let named = ["org", "project", "domain", "name"]
  /// The columns naming a node's execution in the node and task execution tables.
  static let ofExecution = ["org", "project", "domain", "execution"]

  static let entities = SQLTable(
    "admin_entities",
    [.integer("kind")] + named.map(SQLColumn.text) + [
      .text("version"), .integer("created_at"), .integer("updated_at"), .integer("state", default: 0),
      .blob("spec"), .blob("closure"),
    ],
    primaryKey: ["kind"] + named + ["version"],
    indexes: [("admin_entities_by_time", ["kind", "project", "domain", "created_at"])])

  static let projects = SQLTable(
    "admin_projects", [.text("org"), .text("id"), .integer("created_at"), .blob("project")],
    primaryKey: ["org", "id"])

  static let executions = SQLTable(
    "admin_executions",
    named.map(SQLColumn.text) + [.text("launch_plan"), .text("workflow"), .integer("created_at"), .blob("spec")]
      + stateColumns,
    primaryKey: named,
    indexes: [("admin_executions_by_time", ["project", "domain", "created_at"])])

  /// The archive state of an execution (added by schema version 3).
  static let stateColumns: [SQLColumn] = [
    .integer("state", default: 0), .integer("state_changed_at", default: 0), .text("state_principal", default: ""),
  ]

  static let namedEntities = SQLTable(
    "admin_named_entities",
    [.integer("kind")] + named.map(SQLColumn.text) + [
      .text("description"), .integer("state", default: 0), .integer("updated_at"),
    ],
    primaryKey: ["kind"] + named)

  /// The scope and type naming one matchable attribute.
  static let matchableKey = ["org", "project", "domain", "workflow", "launch_plan", "resource_type"]

  static let matchableAttributes = SQLTable(
    "admin_matchable_attributes",
    matchableKey.map { $0 == "resource_type" ? .integer($0) : .text($0) } + [
      .blob("attributes"), .integer("updated_at"),
    ],
    primaryKey: matchableKey,
    indexes: [("admin_matchable_attributes_by_type", ["resource_type", "project"])])

  static let nodeExecutions = SQLTable(
    "admin_node_executions",
    ofExecution.map(SQLColumn.text) + [
      .text("node_id"), .text("parent_node_id"), .integer("phase"), .integer("created_at"), .integer("updated_at"),
      .blob("message"),
    ],
    primaryKey: ofExecution + ["node_id"],
    indexes: [
      ("admin_node_executions_by_parent", ofExecution + ["parent_node_id", "created_at"])
    ])

  /// The key of one task attempt: the node, the task's full id and the attempt.
  static let taskAttempt =
    ofExecution + [
      "node_id", "task_project", "task_domain", "task_name", "task_version", "retry_attempt",
    ]

  static let taskExecutions = SQLTable(
    "admin_task_executions",
    taskAttempt.map { $0 == "retry_attempt" ? .integer($0) : .text($0) } + [
      .integer("phase"), .integer("created_at"), .integer("updated_at"), .blob("message"),
    ],
    primaryKey: taskAttempt)

  static let feedPositions = SQLTable(
    "admin_feed_positions", [.text("feed"), .integer("position")], primaryKey: ["feed"])

  static let scheduleFires = SQLTable(
    "admin_schedule_fires",
    named.map(SQLColumn.text) + [
      .text("version"), .integer("scheduled_at"), .text("execution"), .integer("fired_at"),
    ],
    primaryKey: named + ["version", "scheduled_at"])
}
