import VaneStore

/// The admin tables in Vane's SQLite file, versioned separately from the engine's schema.
///
/// `PRAGMA user_version` belongs to `VaneStoreSchema` (the engine's tables), so the admin side
/// keeps its own version in a `component_schema` row (`component = 'admin'`), created with
/// `CREATE TABLE IF NOT EXISTS` so any component can use the same table. Every step runs in one
/// `BEGIN IMMEDIATE` transaction together with its version bump. Append steps; never edit a
/// shipped one.
///
/// Tables:
/// - `admin_entities`: tasks (kind 1), workflows (2) and launch plans (3), one row per full id;
///   `spec` is what re-registration compares, `closure` what Get returns, `state` the launch
///   plan state. Times are microseconds since 1970.
/// - `admin_projects`: projects as encoded `admin.Project` messages.
/// - `admin_executions`: executions created through the API (phase and data are the engine's).
/// - `admin_node_executions`, `admin_task_executions` (v2): built from the engine's events;
///   `message` is the encoded `admin.NodeExecution` / `admin.TaskExecution`.
/// - `admin_feed_positions` (v2): how far each event feed has been applied.
/// - `admin_schedule_fires` (v2): every scheduled launch fired, one row per (plan, time).
enum SQLiteAdminSchema {
  static let component = "admin"

  static let migrations: [SQLiteMigration] = [
    SQLiteMigration(
      version: 1,
      sql: """
        CREATE TABLE admin_entities (
          kind INTEGER NOT NULL,
          org TEXT NOT NULL,
          project TEXT NOT NULL,
          domain TEXT NOT NULL,
          name TEXT NOT NULL,
          version TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          state INTEGER NOT NULL DEFAULT 0,
          spec BLOB NOT NULL,
          closure BLOB NOT NULL,
          PRIMARY KEY (kind, org, project, domain, name, version)
        );
        CREATE INDEX admin_entities_by_time ON admin_entities (kind, project, domain, created_at);

        CREATE TABLE admin_projects (
          org TEXT NOT NULL,
          id TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          project BLOB NOT NULL,
          PRIMARY KEY (org, id)
        );

        CREATE TABLE admin_executions (
          org TEXT NOT NULL,
          project TEXT NOT NULL,
          domain TEXT NOT NULL,
          name TEXT NOT NULL,
          launch_plan TEXT NOT NULL,
          workflow TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          spec BLOB NOT NULL,
          PRIMARY KEY (org, project, domain, name)
        );
        CREATE INDEX admin_executions_by_time ON admin_executions (project, domain, created_at);
        """),
    SQLiteMigration(
      version: 2,
      sql: """
        CREATE TABLE admin_node_executions (
          org TEXT NOT NULL,
          project TEXT NOT NULL,
          domain TEXT NOT NULL,
          execution TEXT NOT NULL,
          node_id TEXT NOT NULL,
          parent_node_id TEXT NOT NULL,
          phase INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          message BLOB NOT NULL,
          PRIMARY KEY (org, project, domain, execution, node_id)
        );
        CREATE INDEX admin_node_executions_by_parent
          ON admin_node_executions (org, project, domain, execution, parent_node_id, created_at);

        CREATE TABLE admin_task_executions (
          org TEXT NOT NULL,
          project TEXT NOT NULL,
          domain TEXT NOT NULL,
          execution TEXT NOT NULL,
          node_id TEXT NOT NULL,
          task_project TEXT NOT NULL,
          task_domain TEXT NOT NULL,
          task_name TEXT NOT NULL,
          task_version TEXT NOT NULL,
          retry_attempt INTEGER NOT NULL,
          phase INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          message BLOB NOT NULL,
          PRIMARY KEY (org, project, domain, execution, node_id, task_project, task_domain, task_name, task_version,
            retry_attempt)
        );

        CREATE TABLE admin_feed_positions (
          feed TEXT PRIMARY KEY,
          position INTEGER NOT NULL
        );

        CREATE TABLE admin_schedule_fires (
          org TEXT NOT NULL,
          project TEXT NOT NULL,
          domain TEXT NOT NULL,
          name TEXT NOT NULL,
          version TEXT NOT NULL,
          scheduled_at INTEGER NOT NULL,
          execution TEXT NOT NULL,
          fired_at INTEGER NOT NULL,
          PRIMARY KEY (org, project, domain, name, version, scheduled_at)
        );
        """),
  ]

  /// Brings the admin tables of `database` to the newest step, in one transaction.
  static func migrate(_ database: SQLiteDatabase) throws(StoreError) {
    let latest = migrations.map(\.version).max() ?? 0
    try database.write { connection throws(StoreError) in
      try connection.execute(
        "CREATE TABLE IF NOT EXISTS component_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL)")
      let current = try connection.withStatement("SELECT version FROM component_schema WHERE component = ?1") {
        statement throws(StoreError) -> Int in
        try statement.bind(component, at: 1)
        return try statement.step() ? Int(statement.int64(0)) : 0
      }
      guard current <= latest else {
        throw StoreError(
          .schemaTooNew,
          "\(connection.path) has admin schema version \(current) but this build knows up to \(latest); use a newer Vane",
          operation: "migrate admin schema")
      }
      for step in migrations.sorted(by: { $0.version < $1.version }) where step.version > current {
        try connection.execute(step.sql)
      }
      try connection.withStatement(
        """
        INSERT INTO component_schema (component, version) VALUES (?1, ?2)
        ON CONFLICT (component) DO UPDATE SET version = excluded.version
        """
      ) { statement throws(StoreError) in
        try statement.bind(component, at: 1)
        try statement.bind(Int64(latest), at: 2)
        try statement.run()
      }
    }
  }
}
