import Logging
import PostgresNIO

/// The admin tables in PostgreSQL: the same tables as `SQLiteAdminSchema` (times in
/// microseconds since 1970, encoded messages as `bytea`), versioned in a
/// `vane_component_schema` row (`component = 'admin'`). Version 1: entities, projects,
/// executions; version 2: node and task executions, feed positions, schedule fires.
///
/// Each migration runs in one transaction that first takes a transaction-scoped advisory
/// lock, so several servers starting on one database migrate once and never half-way.
/// Append steps; never edit a shipped one.
enum PostgresAdminSchema {
  static let component = "admin"
  /// The advisory lock key every Vane migration takes (`'vane'` in ASCII).
  static let lockKey: Int64 = 0x7661_6E65

  static let migrations: [(version: Int64, statements: [String])] = [
    (
      1,
      [
        """
        CREATE TABLE admin_entities (
          kind BIGINT NOT NULL,
          org TEXT NOT NULL,
          project TEXT NOT NULL,
          domain TEXT NOT NULL,
          name TEXT NOT NULL,
          version TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL,
          state BIGINT NOT NULL DEFAULT 0,
          spec BYTEA NOT NULL,
          closure BYTEA NOT NULL,
          PRIMARY KEY (kind, org, project, domain, name, version)
        )
        """,
        "CREATE INDEX admin_entities_by_time ON admin_entities (kind, project, domain, created_at)",
        """
        CREATE TABLE admin_projects (
          org TEXT NOT NULL,
          id TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          project BYTEA NOT NULL,
          PRIMARY KEY (org, id)
        )
        """,
        """
        CREATE TABLE admin_executions (
          org TEXT NOT NULL,
          project TEXT NOT NULL,
          domain TEXT NOT NULL,
          name TEXT NOT NULL,
          launch_plan TEXT NOT NULL,
          workflow TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          spec BYTEA NOT NULL,
          PRIMARY KEY (org, project, domain, name)
        )
        """,
        "CREATE INDEX admin_executions_by_time ON admin_executions (project, domain, created_at)",
      ]
    ),
    (
      2,
      [
        """
        CREATE TABLE admin_node_executions (
          org TEXT NOT NULL,
          project TEXT NOT NULL,
          domain TEXT NOT NULL,
          execution TEXT NOT NULL,
          node_id TEXT NOT NULL,
          parent_node_id TEXT NOT NULL,
          phase BIGINT NOT NULL,
          created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL,
          message BYTEA NOT NULL,
          PRIMARY KEY (org, project, domain, execution, node_id)
        )
        """,
        """
        CREATE INDEX admin_node_executions_by_parent
          ON admin_node_executions (org, project, domain, execution, parent_node_id, created_at)
        """,
        """
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
          retry_attempt BIGINT NOT NULL,
          phase BIGINT NOT NULL,
          created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL,
          message BYTEA NOT NULL,
          PRIMARY KEY (org, project, domain, execution, node_id, task_project, task_domain, task_name, task_version,
            retry_attempt)
        )
        """,
        "CREATE TABLE admin_feed_positions (feed TEXT PRIMARY KEY, position BIGINT NOT NULL)",
        """
        CREATE TABLE admin_schedule_fires (
          org TEXT NOT NULL,
          project TEXT NOT NULL,
          domain TEXT NOT NULL,
          name TEXT NOT NULL,
          version TEXT NOT NULL,
          scheduled_at BIGINT NOT NULL,
          execution TEXT NOT NULL,
          fired_at BIGINT NOT NULL,
          PRIMARY KEY (org, project, domain, name, version, scheduled_at)
        )
        """,
      ]
    ),
  ]

  /// Brings the admin tables to the newest step, in one transaction.
  static func migrate(_ client: PostgresClient, logger: Logger) async throws {
    let latest = migrations.map(\.version).max() ?? 0
    try await client.withTransaction(logger: logger) { connection in
      try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
      try await connection.query(
        "CREATE TABLE IF NOT EXISTS vane_component_schema (component TEXT PRIMARY KEY, version BIGINT NOT NULL)",
        logger: logger)
      var current: Int64 = 0
      let rows = try await connection.query(
        "SELECT version FROM vane_component_schema WHERE component = \(component)", logger: logger)
      for try await version in rows.decode(Int64.self) { current = version }
      guard current <= latest else {
        throw AdminError(
          .internalError,
          "the database has admin schema version \(current) but this build knows up to \(latest); use a newer Vane",
          at: "PostgreSQL schema")
      }
      for step in migrations.sorted(by: { $0.version < $1.version }) where step.version > current {
        for statement in step.statements {
          try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
      }
      try await connection.query(
        """
        INSERT INTO vane_component_schema (component, version) VALUES (\(component), \(latest))
        ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version
        """, logger: logger)
    }
  }
}
