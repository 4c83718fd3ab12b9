import Foundation

/// `EventLog` in the same SQLite database as the resources.
public final class SQLiteEventLog: EventLog {
  /// The database holding the `execution_events` table.
  public let database: SQLiteDatabase

  /// Uses an open database, migrating it to the current schema.
  public init(database: SQLiteDatabase) throws(StoreError) {
    self.database = database
    try database.migrate(VaneStoreSchema.migrations)
  }

  public func append(_ events: [NewExecutionEvent]) async throws(StoreError) -> [ExecutionEvent] {
    if events.isEmpty { return [] }
    let operation = "append \(events.count) events"
    for event in events { try event.key.validate(operation) }
    do {
      return try database.write { connection throws(StoreError) -> [ExecutionEvent] in
        var nextSequence: [ResourceKey: Int64] = [:]
        var appended: [ExecutionEvent] = []
        appended.reserveCapacity(events.count)
        for event in events {
          let sequence: Int64
          if let next = nextSequence[event.key] {
            sequence = next
          } else {
            sequence = try connection.lastEventSequence(event.key) + 1
          }
          nextSequence[event.key] = sequence + 1
          try connection.withStatement(
            """
            INSERT INTO execution_events (project, domain, name, seq, kind, phase, occurred_at, payload)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """
          ) { statement throws(StoreError) in
            try statement.bindKey(event.key)
            try statement.bind(sequence, at: 4)
            try statement.bind(Int64(event.kind.rawValue), at: 5)
            try statement.bind(Int64(event.phase), at: 6)
            try statement.bind(Self.microseconds(event.occurredAt), at: 7)
            try statement.bind(event.payload, at: 8)
            try statement.run()
          }
          appended.append(
            ExecutionEvent(
              key: event.key, sequence: sequence, kind: event.kind, phase: event.phase,
              occurredAt: Self.date(Self.microseconds(event.occurredAt)), payload: event.payload))
        }
        return appended
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

extension SQLiteConnection {
  /// The highest sequence number stored for `key`, 0 when it has no events.
  func lastEventSequence(_ key: ResourceKey) throws(StoreError) -> Int64 {
    try withStatement(
      "SELECT coalesce(max(seq), 0) FROM execution_events WHERE project = ?1 AND domain = ?2 AND name = ?3"
    ) { statement throws(StoreError) -> Int64 in
      try statement.bindKey(key)
      return try statement.step() ? statement.int64(0) : 0
    }
  }
}
