public import Logging
public import PostgresNIO
public import VaneStore

/// The engine's tables in one PostgreSQL schema (a namespace, so several stores — or test
/// cases — share a database without seeing each other), created by `migrate`.
///
/// Layout choices, mirroring the SQLite store's:
/// - Keys are `text COLLATE "C"`: byte order, the order `ResourceKey` and `list` page in.
/// - `resources` holds metadata and status; `resource_specs` the spec, so a status update
///   never rewrites the spec's TOAST pages.
/// - `revision` is a sequence: a version never repeats and allocating one never blocks another
///   writer (a one-row counter, as SQLite has, would serialize every replica's writes).
/// - `resources_active` is a partial index over non-terminal keys, for the resync.
/// - `execution_events` is append-only, unique on (key, seq). Its `id` (a sequence) is not
///   commit-ordered; `feed_position`, assigned after commit by `PostgresEventLog.feed`, is.
///   Partial index: the rows still to number; unique index: the feed's order.
/// - `key_values` holds the `KeyValueStore`'s namespaced blobs.
/// - `leases` holds shard and leader leases (see `ShardLeaseStore`); `fencing` numbers their
///   tokens.
/// - `store_schema` records the version; a newer one is refused, never "upgraded down". An
///   older one is brought up by the upgrades it lacks (version 2 added `feed_position`, the
///   `feed` sequence and `key_values`; version 3 `resource_status_records`) and then recorded.
/// - `resource_status_records` holds a status's records by path (see `StatusWrite`); the
///   `status` column of `resources` holds its head.
public struct PostgresStoreSchema: Sendable, Hashable {
  /// The schema version this code writes.
  public static let currentVersion: Int64 = 3

  /// The PostgreSQL schema name: a lowercase identifier, checked by `init`.
  public let name: String

  /// Checks `name`: 1–40 characters of `a-z`, `0-9` and `_`, not starting with a digit (it is
  /// spliced into SQL and into the notification channel's name, so nothing else is allowed).
  public init(_ name: String) throws(StoreError) {
    let allowed = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    guard !name.isEmpty, name.utf8.count <= 40, allowed, !(name.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? true)
    else {
      throw StoreError(
        .invalidArgument, "schema name '\(name)' must be 1-40 of a-z, 0-9 and _, not starting with a digit",
        operation: "open the PostgreSQL store")
    }
    self.name = name
  }

  /// `name.table`, for splicing into SQL.
  func table(_ table: String) -> String { "\(name).\(table)" }

  /// The channel watch notifications travel on.
  var channel: String { "\(name)_changes" }

  /// Creates the schema's tables if they are missing and checks the recorded version. Safe to
  /// run from several processes at once: a transaction-scoped advisory lock serializes them.
  public func migrate(_ client: PostgresClient, logger: Logger) async throws(StoreError) {
    let operation = "migrate PostgreSQL schema \(name)"
    do {
      try await client.withTransaction(logger: logger) { connection in
        try await connection.query(
          "SELECT pg_advisory_xact_lock(\(Self.lockID(name)))", logger: logger)
        try await Self.run(ddl, on: connection, logger: logger)
        let rows = try await connection.query(
          "SELECT version FROM \(unescaped: table("store_schema")) WHERE id = 1", logger: logger)
        var stored: Int64?
        for try await row in rows { stored = try row.decode(Int64.self) }
        if let stored, stored > Self.currentVersion {
          throw StoreError(
            .schemaTooNew,
            "schema \(name) is at version \(stored), newer than this Vane's \(Self.currentVersion); upgrade Vane",
            operation: operation)
        }
        // Upgrades run only when due: `ALTER TABLE` locks the table exclusively even when its
        // `IF NOT EXISTS` finds nothing to do, and every replica migrates at start.
        for (version, statements) in upgrades where version > (stored ?? 1) {
          try await Self.run(statements, on: connection, logger: logger)
        }
        if stored == nil {
          try await connection.query(
            "INSERT INTO \(unescaped: table("store_schema")) (id, version) VALUES (1, \(Self.currentVersion))",
            logger: logger)
        } else if let stored, stored < Self.currentVersion {
          try await connection.query(
            "UPDATE \(unescaped: table("store_schema")) SET version = \(Self.currentVersion) WHERE id = 1",
            logger: logger)
        }
      }
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  /// Runs `ddl` one statement at a time (the extended protocol takes no more per query).
  private static func run(_ ddl: String, on connection: PostgresConnection, logger: Logger) async throws {
    for statement in ddl.split(separator: ";\n") where !statement.allSatisfy(\.isWhitespace) {
      try await connection.query(PostgresQuery(unsafeSQL: String(statement)), logger: logger)
    }
  }

  /// The advisory lock id `PostgresEventLog.feed` takes to number the feed (one numberer at a
  /// time per schema).
  var feedLockID: Int64 {
    Int64(bitPattern: FNV1a.hash64("vane-feed\u{0}\(name)"))
  }

  /// The advisory lock id migrations of this schema take.
  static func lockID(_ name: String) -> Int64 {
    Int64(bitPattern: FNV1a.hash64("vane-schema\u{0}\(name)"))
  }

  /// What each version after the first adds, in order, run under the migration lock in the
  /// migration's transaction (all or nothing); `IF NOT EXISTS` throughout, as the base is.
  private var upgrades: [(version: Int64, ddl: String)] { [(2, version2), (3, version3)] }

  /// Version 2: the event feed's positions (see `PostgresEventLog.feed`) and `key_values`.
  private var version2: String {
    """
    ALTER TABLE \(table("execution_events")) ADD COLUMN IF NOT EXISTS feed_position bigint;
    CREATE SEQUENCE IF NOT EXISTS \(table("feed"));
    CREATE INDEX IF NOT EXISTS execution_events_unfed ON \(table("execution_events")) (id) WHERE feed_position IS NULL;
    CREATE UNIQUE INDEX IF NOT EXISTS execution_events_feed ON \(table("execution_events")) (feed_position);
    CREATE TABLE IF NOT EXISTS \(table("key_values")) (
      namespace text COLLATE "C" NOT NULL,
      key text COLLATE "C" NOT NULL,
      value bytea NOT NULL,
      PRIMARY KEY (namespace, key)
    );
    """
  }

  /// Version 3: status records (`StatusWrite`), one row per node status, so a round rewrites
  /// only the nodes it changed.
  private var version3: String {
    """
    CREATE TABLE IF NOT EXISTS \(table("resource_status_records")) (
      resource_id bigint NOT NULL REFERENCES \(table("resources")) (id) ON DELETE CASCADE,
      path text COLLATE "C" NOT NULL,
      body bytea NOT NULL,
      PRIMARY KEY (resource_id, path)
    );
    """
  }

  /// Version 1: the base tables.
  private var ddl: String {
    """
    CREATE SCHEMA IF NOT EXISTS \(name);
    CREATE TABLE IF NOT EXISTS \(table("store_schema")) (
      id integer PRIMARY KEY CHECK (id = 1),
      version bigint NOT NULL
    );
    CREATE SEQUENCE IF NOT EXISTS \(table("revision"));
    CREATE TABLE IF NOT EXISTS \(table("resources")) (
      id bigserial PRIMARY KEY,
      project text COLLATE "C" NOT NULL,
      domain text COLLATE "C" NOT NULL,
      name text COLLATE "C" NOT NULL,
      version bigint NOT NULL,
      created_at bigint NOT NULL,
      terminal boolean NOT NULL DEFAULT false,
      abort_requested_at bigint,
      abort_reason text,
      labels bytea NOT NULL,
      status bytea NOT NULL,
      UNIQUE (project, domain, name)
    );
    CREATE INDEX IF NOT EXISTS resources_active ON \(table("resources")) (project, domain, name) WHERE NOT terminal;
    CREATE TABLE IF NOT EXISTS \(table("resource_specs")) (
      resource_id bigint PRIMARY KEY REFERENCES \(table("resources")) (id) ON DELETE CASCADE,
      spec bytea NOT NULL
    );
    CREATE TABLE IF NOT EXISTS \(table("execution_events")) (
      id bigserial PRIMARY KEY,
      project text COLLATE "C" NOT NULL,
      domain text COLLATE "C" NOT NULL,
      name text COLLATE "C" NOT NULL,
      seq bigint NOT NULL,
      kind integer NOT NULL,
      phase integer NOT NULL,
      occurred_at bigint NOT NULL,
      payload bytea NOT NULL,
      UNIQUE (project, domain, name, seq)
    );
    CREATE SEQUENCE IF NOT EXISTS \(table("fencing"));
    CREATE TABLE IF NOT EXISTS \(table("leases")) (
      name text COLLATE "C" PRIMARY KEY,
      owner text NOT NULL,
      token bigint NOT NULL,
      expires_at bigint NOT NULL
    );
    """
  }
}
