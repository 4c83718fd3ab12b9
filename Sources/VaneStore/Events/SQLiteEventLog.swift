import Foundation

/// `EventLog` in the same SQLite database as the resources.
///
/// Appends take the database's writer lock like resource writes, so a log and a
/// `SQLiteResourceStore` over one `SQLiteDatabase` never race on sequence numbers;
/// `SQLiteResourceStore.update(_:expectedVersion:status:terminal:appending:)` writes a status
/// and its events in one transaction with the same numbering.
public final class SQLiteEventLog: EventLog {
  /// The database holding the `execution_events` table.
  public let database: SQLiteDatabase

  /// Uses an open database, migrating it to the current schema. The database may be the one
  /// a `SQLiteResourceStore` uses (`store.database`); `store.eventLog` is such a log already.
  public init(database: SQLiteDatabase) throws(StoreError) {
    try database.migrate(VaneStoreSchema.migrations)
    self.database = database
  }

  /// Uses a database that is already migrated (by the resource store that owns this log).
  init(migratedDatabase database: SQLiteDatabase) {
    self.database = database
  }

  public func append(_ events: [NewExecutionEvent]) async throws(StoreError) -> [ExecutionEvent] {
    if events.isEmpty { return [] }
    let operation = "append \(events.count) events"
    do {
      return try database.write { connection throws(StoreError) -> [ExecutionEvent] in
        try connection.appendEvents(events, operation: operation)
      }
    } catch {
      throw error.code == .sqlite ? error.during(operation) : error
    }
  }

  public func events(
    for key: ResourceKey, after sequence: Int64, limit: Int
  ) async throws(StoreError)
    -> [ExecutionEvent]
  {
    let operation = "read events of \(key)"
    guard limit > 0 else {
      throw StoreError(.invalidArgument, "event limit must be positive, got \(limit)", operation: operation)
    }
    do {
      return try database.read { connection throws(StoreError) -> [ExecutionEvent] in
        try connection.withStatement(
          """
          SELECT seq, kind, phase, occurred_at, payload FROM execution_events
          WHERE project = ?1 AND domain = ?2 AND name = ?3 AND seq > ?4 ORDER BY seq LIMIT ?5
          """
        ) { statement throws(StoreError) -> [ExecutionEvent] in
          try statement.bindKey(key)
          try statement.bind(sequence, at: 4)
          try statement.bind(Int64(limit), at: 5)
          var events: [ExecutionEvent] = []
          while try statement.step() {
            guard let kind = ExecutionEvent.Kind(rawValue: Int32(truncatingIfNeeded: statement.int64(1))) else {
              throw StoreError(
                .corrupt, "event \(statement.int64(0)) has unknown kind \(statement.int64(1))", operation: operation)
            }
            events.append(
              ExecutionEvent(
                key: key, sequence: statement.int64(0), kind: kind,
                phase: Int32(truncatingIfNeeded: statement.int64(2)), occurredAt: Self.date(statement.int64(3)),
                payload: statement.data(4)))
          }
          return events
        }
      }
    } catch {
      throw error.code == .sqlite ? error.during(operation) : error
    }
  }

  static func microseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
  }

  static func date(_ microseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
  }
}
