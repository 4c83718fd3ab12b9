/// One step of a schema: the SQL that takes the database from `version - 1` to `version`.
public struct SQLiteMigration: Sendable {
  /// The `PRAGMA user_version` the database has after this step.
  public var version: Int
  /// The statements to run, in one transaction.
  public var sql: String

  /// Creates a migration step.
  public init(version: Int, sql: String) {
    self.version = version
    self.sql = sql
  }
}

extension SQLiteDatabase {
  /// The schema version stored in the file (`PRAGMA user_version`); 0 for a new file.
  public func schemaVersion() throws(StoreError) -> Int {
    try withWriter { connection throws(StoreError) in try connection.userVersion() }
  }

  /// Applies every step newer than the file's `user_version`, each in its own transaction with
  /// the version bump, so a crash leaves the file at a whole step. Fails with `schemaTooNew`
  /// when the file is newer than the newest step known here.
  public func migrate(_ migrations: [SQLiteMigration]) throws(StoreError) {
    let steps = migrations.sorted { $0.version < $1.version }
    let latest = steps.last?.version ?? 0
    try withWriter { connection throws(StoreError) in
      let current = try connection.userVersion()
      guard current <= latest else {
        throw StoreError(
          .schemaTooNew,
          "\(connection.path) has schema version \(current) but this build knows up to \(latest); use a newer Vane",
          operation: "migrate")
      }
      for step in steps where step.version > current {
        try connection.transaction(.immediate) { () throws(StoreError) in
          // Another process may have applied it since `current` was read: check under the lock.
          guard try connection.userVersion() < step.version else { return }
          try connection.execute(step.sql)
          try connection.execute("PRAGMA user_version = \(step.version)")
        }
      }
    }
  }
}

extension SQLiteConnection {
  func userVersion() throws(StoreError) -> Int {
    try withStatement("PRAGMA user_version") { statement throws(StoreError) in
      try statement.step() ? Int(statement.int64(0)) : 0
    }
  }
}
