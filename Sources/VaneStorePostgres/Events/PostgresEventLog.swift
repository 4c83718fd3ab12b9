import Foundation
public import Logging
public import PostgresNIO
public import VaneStore

/// `EventLog` in a PostgreSQL schema, beside a `PostgresResourceStore`'s resources.
///
/// Numbering reads an execution's last sequence and inserts after it, so appenders of one
/// execution must not interleave: each transaction first takes a transaction-scoped advisory
/// lock per execution (FNV-1a of schema and key, in ascending order, so two appenders never
/// wait on each other in a cycle). Replicas appending to different executions never wait.
public struct PostgresEventLog: EventLog, PostgresSchemaUser {
  /// The pool it queries through.
  public let client: PostgresClient
  /// Where the `execution_events` table is.
  public let schema: PostgresStoreSchema
  let logger: Logger

  /// The most events one INSERT carries (8 parameters each, under PostgreSQL's 65,535).
  static let insertBatch = 1_000

  public static let defaultLoggerLabel = "vane.store.postgres"

  /// A log over a schema that is already migrated.
  public init(migrated client: PostgresClient, schema: PostgresStoreSchema, logger: Logger) {
    self.client = client
    self.schema = schema
    self.logger = logger
  }

  public func append(_ events: [NewExecutionEvent]) async throws(StoreError) -> [ExecutionEvent] {
    if events.isEmpty { return [] }
    let operation = "append \(events.count) events"
    for event in events { try PostgresRow.check(event.key, operation: operation) }
    do {
      return try await client.withTransaction(logger: logger) { connection in
        try await lockNumbering(of: events, on: connection)
        return try await insert(events, on: connection, operation: operation)
      }
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  public func events(
    for key: ResourceKey, after sequence: Int64, limit: Int
  ) async throws(StoreError) -> [ExecutionEvent] {
    let operation = "read events of \(key)"
    guard limit > 0 else {
      throw StoreError(.invalidArgument, "event limit must be positive, got \(limit)", operation: operation)
    }
    try PostgresRow.check(key, operation: operation)
    let query: PostgresQuery = """
      SELECT seq, kind, phase, occurred_at, payload FROM \(unescaped: schema.table("execution_events"))
      WHERE project = \(key.project) AND domain = \(key.domain) AND name = \(key.name) AND seq > \(sequence)
      ORDER BY seq LIMIT \(Int64(limit))
      """
    do {
      var events: [ExecutionEvent] = []
      for try await row in try await client.query(query, logger: logger) {
        let (seq, kindNumber, phase, occurredAt, payload) = try row.decode((Int64, Int32, Int32, Int64, Data).self)
        guard let kind = ExecutionEvent.Kind(rawValue: kindNumber) else {
          throw StoreError(.corrupt, "event \(seq) has unknown kind \(kindNumber)", operation: operation)
        }
        events.append(
          ExecutionEvent(
            key: key, sequence: seq, kind: kind, phase: phase,
            occurredAt: PostgresRow.date(microseconds: occurredAt), payload: payload))
      }
      return events
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  /// Takes the numbering lock of every execution in `events`, ascending. Call in a transaction.
  func lockNumbering(of events: [NewExecutionEvent], on connection: PostgresConnection) async throws {
    let ids = Set(events.map { PostgresRow.eventLockID($0.key, schema: schema) }).sorted()
    for id in ids {
      try await connection.query("SELECT pg_advisory_xact_lock(\(id))::text", logger: logger)
    }
  }

  /// Numbers and inserts `events` after each execution's last stored one. Call in a
  /// transaction holding `lockNumbering(of:on:)`.
  func insert(
    _ events: [NewExecutionEvent], on connection: PostgresConnection, operation: String
  ) async throws -> [ExecutionEvent] {
    var next: [ResourceKey: Int64] = [:]
    var numbered: [ExecutionEvent] = []
    numbered.reserveCapacity(events.count)
    for event in events {
      let sequence: Int64
      if let known = next[event.key] {
        sequence = known
      } else {
        sequence = try await lastSequence(event.key, on: connection) + 1
      }
      next[event.key] = sequence + 1
      let occurredAt = PostgresRow.microseconds(event.occurredAt)
      numbered.append(
        ExecutionEvent(
          key: event.key, sequence: sequence, kind: event.kind, phase: event.phase,
          occurredAt: PostgresRow.date(microseconds: occurredAt), payload: event.payload))
    }
    var start = 0
    while start < numbered.count {
      let batch = numbered[start..<min(start + Self.insertBatch, numbered.count)]
      try await connection.query(insertQuery(batch), logger: logger)
      start += batch.count
    }
    return numbered
  }

  private func insertQuery(_ batch: ArraySlice<ExecutionEvent>) throws -> PostgresQuery {
    var bindings = PostgresBindings(capacity: batch.count * 8)
    var rows: [String] = []
    rows.reserveCapacity(batch.count)
    for event in batch {
      let first = bindings.count + 1
      rows.append("(" + (first..<(first + 8)).map { "$\($0)" }.joined(separator: ", ") + ")")
      bindings.append(event.key.project)
      bindings.append(event.key.domain)
      bindings.append(event.key.name)
      bindings.append(event.sequence)
      bindings.append(event.kind.rawValue)
      bindings.append(event.phase)
      bindings.append(PostgresRow.microseconds(event.occurredAt))
      try bindings.append(event.payload)
    }
    return PostgresQuery(
      unsafeSQL: "INSERT INTO \(schema.table("execution_events")) "
        + "(project, domain, name, seq, kind, phase, occurred_at, payload) VALUES " + rows.joined(separator: ", "),
      binds: bindings)
  }

  private func lastSequence(_ key: ResourceKey, on connection: PostgresConnection) async throws -> Int64 {
    let rows = try await connection.query(
      """
      SELECT coalesce(max(seq), 0) FROM \(unescaped: schema.table("execution_events"))
      WHERE project = \(key.project) AND domain = \(key.domain) AND name = \(key.name)
      """, logger: logger)
    var last: Int64 = 0
    for try await row in rows { last = try row.decode(Int64.self) }
    return last
  }
}
