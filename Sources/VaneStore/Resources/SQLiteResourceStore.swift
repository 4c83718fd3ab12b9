public import Foundation
public import Logging

/// `ResourceStore` on a SQLite file: the embedded default.
///
/// Each write is one `BEGIN IMMEDIATE` transaction on the database's writer connection; reads
/// use the reader connection and never wait for writes. Versions come from a store-wide
/// revision counter (see `ResourceVersion`). Watch events are published after the commit,
/// still under the writer lock, so every watcher sees them in commit order; a watcher that
/// falls behind keeps only the newest event per key (see `ResourceEventBroadcaster`). Only
/// writes made through this store object are watched: another process writing the same file
/// is seen by the periodic resync, not by `watch()`.
public final class SQLiteResourceStore: ResourceStore {
  /// The database this store keeps its tables in (shared with `SQLiteEventLog` and others).
  public let database: SQLiteDatabase
  /// The event log in the same database. Its appends and this store's writes share one writer
  /// lock, and `update(_:expectedVersion:status:terminal:appending:)` numbers events exactly as
  /// its `append` does, so the engine can mix both freely.
  public let eventLog: SQLiteEventLog
  private let broadcaster = ResourceEventBroadcaster()
  private let ownsDatabase: Bool
  private let logger: Logger

  /// Opens (creating if needed) the database file at `path` and migrates it.
  public convenience init(
    path: String, options: SQLiteDatabase.Options = SQLiteDatabase.Options(),
    logger: Logger = Logger(label: "vane.store")
  ) throws(StoreError) {
    try self.init(database: SQLiteDatabase(path: path, options: options), ownsDatabase: true, logger: logger)
  }

  /// Uses an open database, migrating it to the current schema. `close()` will not close it.
  public convenience init(database: SQLiteDatabase, logger: Logger = Logger(label: "vane.store")) throws(StoreError) {
    try self.init(database: database, ownsDatabase: false, logger: logger)
  }

  private init(database: SQLiteDatabase, ownsDatabase: Bool, logger: Logger) throws(StoreError) {
    try database.migrate(VaneStoreSchema.migrations)
    self.database = database
    self.eventLog = SQLiteEventLog(migratedDatabase: database)
    self.ownsDatabase = ownsDatabase
    self.logger = logger
    logger.debug("resource store open", metadata: ["path": "\(database.path)"])
  }

  /// Ends every watch stream (after its buffered events) and, if this store opened the
  /// database, closes it.
  public func close() {
    broadcaster.finish()
    if ownsDatabase { database.close() }
  }

  public func watch() -> AsyncStream<ResourceEvent> {
    broadcaster.subscribe()
  }

  public func create(
    _ key: ResourceKey, spec: Data, status: Data, labels: [String: String]
  ) async throws(StoreError)
    -> StoredResource
  {
    let operation = "create \(key)"
    try key.validate(operation)
    let labelBytes = try ResourceLabels.encode(labels, operation: operation)
    let createdAt = ResourceRow.milliseconds(Date())
    do {
      return try database.write(
        { connection throws(StoreError) -> StoredResource in
          if try connection.resourceVersion(key) != nil {
            throw StoreError(
              .alreadyExists, "a resource named \(key) already exists; pick another execution name",
              operation: operation)
          }
          let version = try connection.nextRevision()
          try connection.withStatement(
            """
            INSERT INTO resources (project, domain, name, version, created_at, terminal, labels, status)
            VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7)
            """
          ) { statement throws(StoreError) in
            try statement.bindKey(key)
            try statement.bind(version, at: 4)
            try statement.bind(createdAt, at: 5)
            try statement.bind(labelBytes, at: 6)
            try statement.bind(status, at: 7)
            try statement.run()
          }
          let id = connection.lastInsertRowID
          try connection.withStatement("INSERT INTO resource_specs (resource_id, spec) VALUES (?1, ?2)") {
            statement throws(StoreError) in
            try statement.bind(id, at: 1)
            try statement.bind(spec, at: 2)
            try statement.run()
          }
          let metadata = ResourceMetadata(
            key: key, version: version, labels: labels, createdAt: ResourceRow.date(createdAt),
            isTerminal: false, abortRequest: nil)
          return StoredResource(metadata: metadata, spec: spec, status: status)
        },
        afterCommit: { broadcaster.publish(ResourceEvent(.created, key: key, version: $0.metadata.version)) })
    } catch {
      throw error.code == .sqlite ? error.during(operation) : error
    }
  }

  public func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool
  )
    async throws(StoreError) -> ResourceVersion
  {
    let operation = "update \(key)"
    do {
      return try database.write(
        { connection throws(StoreError) -> ResourceVersion in
          try connection.updateStatus(
            key, expectedVersion: expectedVersion, status: status, terminal: terminal, operation: operation)
        },
        afterCommit: { broadcaster.publish(ResourceEvent(.updated, key: key, version: $0)) })
    } catch {
      throw error.code == .sqlite ? error.during(operation) : error
    }
  }

  public func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool,
    appending events: [NewExecutionEvent]
  ) async throws(StoreError) -> (version: ResourceVersion, events: [ExecutionEvent]) {
    let operation = "update \(key) with \(events.count) events"
    do {
      return try database.write(
        { connection throws(StoreError) -> (version: ResourceVersion, events: [ExecutionEvent]) in
          let version = try connection.updateStatus(
            key, expectedVersion: expectedVersion, status: status, terminal: terminal, operation: operation)
          return (version, try connection.appendEvents(events, operation: operation))
        },
        afterCommit: { broadcaster.publish(ResourceEvent(.updated, key: key, version: $0.version)) })
    } catch {
      throw error.code == .sqlite ? error.during(operation) : error
    }
  }

  public func requestAbort(_ key: ResourceKey, reason: String) async throws(StoreError) -> ResourceVersion {
    let operation = "request abort of \(key)"
    let requestedAt = ResourceRow.milliseconds(Date())
    do {
      let outcome = try database.write(
        { connection throws(StoreError) -> (version: ResourceVersion, changed: Bool) in
          let current = try connection.withStatement(
            "SELECT id, version, abort_requested_at FROM resources WHERE project = ?1 AND domain = ?2 AND name = ?3"
          ) { statement throws(StoreError) -> (id: Int64, version: Int64, requested: Bool)? in
            try statement.bindKey(key)
            guard try statement.step() else { return nil }
            return (statement.int64(0), statement.int64(1), !statement.isNull(2))
          }
          guard let current else { throw StoreError.missing(key, operation: operation) }
          if current.requested { return (current.version, false) }
          let version = try connection.nextRevision()
          try connection.withStatement(
            "UPDATE resources SET version = ?1, abort_requested_at = ?2, abort_reason = ?3 WHERE id = ?4"
          ) { statement throws(StoreError) in
            try statement.bind(version, at: 1)
            try statement.bind(requestedAt, at: 2)
            try statement.bind(reason, at: 3)
            try statement.bind(current.id, at: 4)
            try statement.run()
          }
          return (version, true)
        },
        afterCommit: { outcome in
          if outcome.changed { broadcaster.publish(ResourceEvent(.updated, key: key, version: outcome.version)) }
        })
      if outcome.changed { logger.info("abort requested", metadata: ["execution": "\(key)", "reason": "\(reason)"]) }
      return outcome.version
    } catch {
      throw error.code == .sqlite ? error.during(operation) : error
    }
  }

  public func delete(_ key: ResourceKey) async throws(StoreError) {
    let operation = "delete \(key)"
    do {
      _ = try database.write(
        { connection throws(StoreError) -> ResourceVersion in
          let id = try connection.withStatement(
            "SELECT id FROM resources WHERE project = ?1 AND domain = ?2 AND name = ?3"
          ) { statement throws(StoreError) -> Int64? in
            try statement.bindKey(key)
            return try statement.step() ? statement.int64(0) : nil
          }
          guard let id else { throw StoreError.missing(key, operation: operation) }
          let version = try connection.nextRevision()
          for sql in [
            "DELETE FROM resource_specs WHERE resource_id = ?1",
            "DELETE FROM resource_status_records WHERE resource_id = ?1", "DELETE FROM resources WHERE id = ?1",
          ] {
            try connection.withStatement(sql) { statement throws(StoreError) in
              try statement.bind(id, at: 1)
              try statement.run()
            }
          }
          return version
        },
        afterCommit: { broadcaster.publish(ResourceEvent(.deleted, key: key, version: $0)) })
    } catch {
      throw error.code == .sqlite ? error.during(operation) : error
    }
  }
}
