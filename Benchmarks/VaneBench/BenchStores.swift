import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import VaneAdminStore
import VaneStore
import VaneStorePostgres

/// Which store one shape's engine runs on.
enum BenchStoreKind: Sendable {
  /// The embedded default: an SQLite file (its WAL next to it) with the key-value table inside.
  case sqlite(path: String, synchronous: SQLiteDatabase.Options.Synchronous)
  /// What replicas share: a PostgreSQL schema, created fresh and dropped afterwards.
  case postgres(url: String, schema: String)

  /// The name the results carry.
  var name: String {
    switch self {
    case .sqlite: "sqlite"
    case .postgres: "postgres"
    }
  }
}

/// The engine's stores for one shape run, open while `with` runs its body.
struct BenchStores {
  var kind: BenchStoreKind
  var store: any ResourceStore
  var keyValues: any KeyValueStore
  /// To run next to the engine: the PostgreSQL store's `LISTEN` loop (it ends on graceful shutdown).
  var services: [any Service] = []
  /// Returns once committed changes reach `store.watch()` (before that, an execution created
  /// would wait for the engine's next resync).
  var ready: @Sendable () async -> Void = {}
  /// The database's size now: file + WAL for SQLite, `pg_total_relation_size` (tables, their
  /// indexes and TOAST) summed over the schema's tables for PostgreSQL.
  var databaseBytes: @Sendable () async throws -> Int

  /// How long opening a PostgreSQL schema may take: an unreachable server otherwise keeps the
  /// pool retrying until the shape's time limit, with no word of why.
  static let connectTimeout = Duration.seconds(20)

  /// Runs `body` with the stores of `kind` open; a PostgreSQL schema is dropped afterwards,
  /// also when `body` throws.
  static func with<Result: Sendable>(
    _ kind: BenchStoreKind, logger: Logger, _ body: (BenchStores) async throws -> Result
  ) async throws -> Result {
    switch kind {
    case .sqlite(let path, let synchronous):
      let sqlite = try SQLiteResourceStore(path: path, options: .init(synchronous: synchronous))
      let stores = BenchStores(
        kind: kind, store: sqlite, keyValues: try SQLiteKeyValueStore(database: sqlite.database),
        databaseBytes: { ProcessStats.fileBytes([path, path + "-wal"]) })
      return try await body(stores)
    case .postgres(let url, let name):
      return try await withClient(url: url, logger: logger) { client in
        let schema = try PostgresStoreSchema(name)
        // A schema of the same name is a leftover of a killed run: start from nothing.
        try await within(connectTimeout, "PostgreSQL at \(PostgresSettings.redacted(url))") {
          try await drop(schema, client: client, logger: logger)
          try await schema.migrate(client, logger: logger)
        }
        let store = PostgresResourceStore(migrated: client, schema: schema, logger: logger)
        let stores = BenchStores(
          kind: kind, store: store,
          keyValues: PostgresKeyValueStore(migrated: client, schema: schema, logger: logger), services: [store],
          ready: { await store.listening() },
          databaseBytes: { try await size(of: schema, client: client, logger: logger) })
        let outcome: Swift.Result<Result, any Error>
        do {
          outcome = .success(try await body(stores))
        } catch {
          outcome = .failure(error)
        }
        try await drop(schema, client: client, logger: logger)
        return try outcome.get()
      }
    }
  }

  /// Drops `name` in the database at `url`: what a killed child left behind.
  static func dropLeftover(_ name: String, url: String, logger: Logger) async throws {
    try await withClient(url: url, logger: logger) { client in
      try await within(connectTimeout, "PostgreSQL at \(PostgresSettings.redacted(url))") {
        try await drop(try PostgresStoreSchema(name), client: client, logger: logger)
      }
    }
  }

  /// A running pool for `url`, configured as `vane serve` configures the admin store's.
  private static func withClient<Result: Sendable>(
    url: String, logger: Logger, _ body: (PostgresClient) async throws -> Result
  ) async throws -> Result {
    let settings: PostgresSettings
    do throws(AdminError) {
      settings = try PostgresSettings(url: url)
    } catch {
      throw BenchOptions.UsageError(description: "--postgres-url: \(error)")
    }
    let client = PostgresClient(configuration: settings.clientConfiguration, backgroundLogger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { await client.run() }
      defer { tasks.cancelAll() }
      return try await body(client)
    }
  }

  private static func drop(_ schema: PostgresStoreSchema, client: PostgresClient, logger: Logger) async throws {
    try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema.name) CASCADE"), logger: logger)
  }

  private static func size(of schema: PostgresStoreSchema, client: PostgresClient, logger: Logger) async throws -> Int {
    let rows = try await client.query(
      """
      SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(schema.name) AND c.relkind = 'r'
      """, logger: logger)
    var bytes: Int64 = 0
    for try await value in rows.decode(Int64.self) { bytes = value }
    return Int(bytes)
  }

  /// Runs `work`, failing with a message naming `target` when it takes longer than `limit`.
  private static func within(
    _ limit: Duration, _ target: String, _ work: @escaping @Sendable () async throws -> Void
  ) async throws {
    try await withThrowingTaskGroup(of: Bool.self) { tasks in
      tasks.addTask {
        try await work()
        return true
      }
      tasks.addTask {
        try await Task.sleep(for: limit)
        return false
      }
      defer { tasks.cancelAll() }
      guard try await tasks.next() == true else {
        throw BenchOptions.UsageError(description: "\(target) did not answer within \(limit)")
      }
    }
  }
}
