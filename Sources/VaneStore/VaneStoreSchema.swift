/// The schema of Vane's SQLite database, one list for every table in the file, applied by
/// `SQLiteDatabase.migrate` whenever a store opens it. Append steps; never edit a shipped one.
///
/// Layout choices:
/// - `resources` holds the small metadata and the status; `resource_specs` holds the spec in
///   its own row, so a status update never rewrites (or even reads) spec pages. The status is
///   the last column, so reading metadata does not touch its overflow pages.
/// - `store_revision` is a one-row counter: every change to a resource takes the next value as
///   its version.
/// - `resources_active` is a partial index over non-terminal keys, for the resync.
/// - `execution_events` is append-only, unique on (key, seq).
/// - `key_values` is a small namespaced blob table.
/// - `resource_status_records` holds a status's records by path (see `StatusWrite`); the
///   status column holds its head.
public enum VaneStoreSchema {
  /// Every migration step, oldest first.
  public static let migrations: [SQLiteMigration] = [
    SQLiteMigration(
      version: 1,
      sql: """
        CREATE TABLE store_revision (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          revision INTEGER NOT NULL
        );
        INSERT INTO store_revision (id, revision) VALUES (1, 0);

        CREATE TABLE resources (
          id INTEGER PRIMARY KEY,
          project TEXT NOT NULL,
          domain TEXT NOT NULL,
          name TEXT NOT NULL,
          version INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          terminal INTEGER NOT NULL DEFAULT 0,
          abort_requested_at INTEGER,
          abort_reason TEXT,
          labels BLOB NOT NULL,
          status BLOB NOT NULL,
          UNIQUE (project, domain, name)
        );
        CREATE INDEX resources_active ON resources (project, domain, name) WHERE terminal = 0;

        CREATE TABLE resource_specs (
          resource_id INTEGER PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
          spec BLOB NOT NULL
        );

        CREATE TABLE execution_events (
          id INTEGER PRIMARY KEY,
          project TEXT NOT NULL,
          domain TEXT NOT NULL,
          name TEXT NOT NULL,
          seq INTEGER NOT NULL,
          kind INTEGER NOT NULL,
          phase INTEGER NOT NULL,
          occurred_at INTEGER NOT NULL,
          payload BLOB NOT NULL,
          UNIQUE (project, domain, name, seq)
        );

        CREATE TABLE key_values (
          namespace TEXT NOT NULL,
          key TEXT NOT NULL,
          version INTEGER NOT NULL,
          value BLOB NOT NULL,
          PRIMARY KEY (namespace, key)
        );
        """),
    // Status records (`StatusWrite`): the engine keeps each node's status in a row of its own,
    // so a round rewrites only the nodes it changed. Keyed by the resource row, clustered
    // (WITHOUT ROWID) so one status's records are read in one range scan.
    SQLiteMigration(
      version: 2,
      sql: """
        CREATE TABLE resource_status_records (
          resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
          path TEXT NOT NULL,
          body BLOB NOT NULL,
          PRIMARY KEY (resource_id, path)
        ) WITHOUT ROWID;
        """),
  ]
}
