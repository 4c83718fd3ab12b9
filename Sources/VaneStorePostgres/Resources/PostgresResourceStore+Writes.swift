public import Foundation
import Logging
import NIOCore
import PostgresNIO
public import VaneStore

extension PostgresResourceStore {
  public func create(
    _ key: ResourceKey, spec: Data, status: Data, labels: [String: String]
  ) async throws(StoreError) -> StoredResource {
    let operation = "create \(key)"
    try PostgresRow.check(key, operation: operation)
    let labelBytes = try ResourceLabels.encode(labels, operation: operation)
    let createdAt = PostgresRow.milliseconds(Date())
    // One statement: the row, its spec and the notification commit together.
    let query: PostgresQuery = """
      WITH created AS (
        INSERT INTO \(unescaped: schema.table("resources"))
          (project, domain, name, version, created_at, terminal, labels, status)
        VALUES (\(key.project), \(key.domain), \(key.name), nextval('\(unescaped: schema.table("revision"))'),
          \(createdAt), false, \(ByteBuffer(bytes: labelBytes)), \(ByteBuffer(bytes: status)))
        ON CONFLICT (project, domain, name) DO NOTHING
        RETURNING id, version
      ), spec AS (
        INSERT INTO \(unescaped: schema.table("resource_specs")) (resource_id, spec) SELECT id, \(ByteBuffer(bytes: spec)) FROM created
      )
      SELECT version, pg_notify(\(schema.channel), 'c ' || version::text || ' ' || \(key.notificationSuffix))::text
      FROM created
      """
    guard let version = try await firstVersion(query, operation: operation) else {
      throw StoreError(
        .alreadyExists, "a resource named \(key) already exists; pick another execution name", operation: operation)
    }
    let metadata = ResourceMetadata(
      key: key, version: version, labels: labels, createdAt: PostgresRow.date(createdAt), isTerminal: false,
      abortRequest: nil)
    return StoredResource(metadata: metadata, spec: spec, status: status)
  }

  public func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool
  ) async throws(StoreError) -> ResourceVersion {
    let operation = "update \(key)"
    try PostgresRow.check(key, operation: operation)
    try PostgresRow.check(status, operation: operation)
    let query = casUpdate(key, expectedVersion: expectedVersion, status: status, terminal: terminal)
    if let version = try await firstVersion(query, operation: operation) { return version }
    throw try await casFailure(key, expected: expectedVersion, operation: operation)
  }

  public func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool,
    appending events: [NewExecutionEvent]
  ) async throws(StoreError) -> (version: ResourceVersion, events: [ExecutionEvent]) {
    try await update(
      key, expectedVersion: expectedVersion, status: status, terminal: terminal, appending: events, fence: nil)
  }

  /// The combined update, refused with `fenced` unless `fence` (when given) is still the
  /// current holding of its lease. The lease row is share-locked first, so a takeover either
  /// commits before the check (and the write is refused) or waits until the write commits.
  func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool,
    appending events: [NewExecutionEvent], fence: Lease?
  ) async throws(StoreError) -> (version: ResourceVersion, events: [ExecutionEvent]) {
    let operation = "update \(key) with \(events.count) events"
    try PostgresRow.check(key, operation: operation)
    try PostgresRow.check(status, operation: operation)
    for event in events { try PostgresRow.check(event.key, operation: operation) }
    let query = casUpdate(key, expectedVersion: expectedVersion, status: status, terminal: terminal)
    let log = eventLog
    let logger = self.logger
    let leases = schema.table("leases")
    let outcome: (version: ResourceVersion, events: [ExecutionEvent])?
    do {
      outcome = try await client.withTransaction(logger: logger) { connection in
        // Lease row, then event locks in the order every appender takes them, then the
        // resource row: no cycles.
        if let fence { try await Self.checkFence(fence, on: connection, leases: leases, logger: logger) }
        try await log.lockNumbering(of: events, on: connection)
        var version: ResourceVersion?
        for try await row in try await connection.query(query, logger: logger) {
          version = try row.decode(Int64.self)
        }
        // No row: roll back (nothing was written) and find out why outside the transaction.
        guard let version else { throw CASMissed() }
        return (version, try await log.insert(events, on: connection, operation: operation))
      }
    } catch let error as PostgresTransactionError where error.closureError is CASMissed {
      outcome = nil
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
    if let outcome { return outcome }
    throw try await casFailure(key, expected: expectedVersion, operation: operation)
  }

  public func requestAbort(_ key: ResourceKey, reason: String) async throws(StoreError) -> ResourceVersion {
    let operation = "request abort of \(key)"
    try PostgresRow.check(key, operation: operation)
    try PostgresRow.check(text: reason, "the abort reason", operation: operation)
    let requestedAt = PostgresRow.milliseconds(Date())
    let resources = schema.table("resources")
    let query: PostgresQuery = """
      WITH target AS (
        SELECT id FROM \(unescaped: resources)
        WHERE project = \(key.project) AND domain = \(key.domain) AND name = \(key.name)
          AND abort_requested_at IS NULL
        FOR UPDATE
      ), updated AS (
        UPDATE \(unescaped: resources) r
        SET version = nextval('\(unescaped: schema.table("revision"))'), abort_requested_at = \(requestedAt),
          abort_reason = \(reason)
        FROM target WHERE r.id = target.id RETURNING r.version
      )
      SELECT version, pg_notify(\(schema.channel), 'u ' || version::text || ' ' || \(key.notificationSuffix))::text
      FROM updated
      """
    if let version = try await firstVersion(query, operation: operation) {
      logger.info("abort requested", metadata: ["execution": "\(key)", "reason": "\(reason)"])
      return version
    }
    // Already requested (the first reason stands) or missing.
    guard let current = try await currentVersion(key, operation: operation) else {
      throw StoreError(.notFound, "no resource named \(key)", operation: operation)
    }
    return current
  }

  public func delete(_ key: ResourceKey) async throws(StoreError) {
    let operation = "delete \(key)"
    try PostgresRow.check(key, operation: operation)
    // The spec row goes with it (ON DELETE CASCADE); the deletion takes a version of its own.
    let query: PostgresQuery = """
      WITH gone AS (
        DELETE FROM \(unescaped: schema.table("resources"))
        WHERE project = \(key.project) AND domain = \(key.domain) AND name = \(key.name)
        RETURNING id
      ), numbered AS (
        SELECT nextval('\(unescaped: schema.table("revision"))') AS version FROM gone
      )
      SELECT version, pg_notify(\(schema.channel), 'd ' || version::text || ' ' || \(key.notificationSuffix))::text
      FROM numbered
      """
    guard try await firstVersion(query, operation: operation) != nil else {
      throw StoreError(.notFound, "no resource named \(key)", operation: operation)
    }
  }

  /// The compare-and-swap: lock the row only if it is at `expectedVersion` (under READ
  /// COMMITTED a concurrent writer's commit is re-checked, so the loser finds no row), then
  /// take a version, write the head and the status records. Returns `(version, notify
  /// result)`, or no row (and then no record was touched: both record statements hang off the
  /// updated row). One statement sees one snapshot, so the rows it deletes and the rows it
  /// upserts are kept apart: a whole write deletes only the paths it does not store again.
  private func casUpdate(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool
  ) -> PostgresQuery {
    let resources = schema.table("resources")
    let records = schema.table("resource_status_records")
    var paths: [String] = []
    var bodies: [ByteBuffer] = []
    paths.reserveCapacity(status.records.count)
    bodies.reserveCapacity(status.records.count)
    for (path, body) in status.records {
      paths.append(path)
      bodies.append(ByteBuffer(bytes: body))
    }
    return """
      WITH target AS (
        SELECT id FROM \(unescaped: resources)
        WHERE project = \(key.project) AND domain = \(key.domain) AND name = \(key.name)
          AND version = \(expectedVersion)
        FOR UPDATE
      ), updated AS (
        UPDATE \(unescaped: resources) r
        SET version = nextval('\(unescaped: schema.table("revision"))'), status = \(ByteBuffer(bytes: status.head)), terminal = \(terminal)
        FROM target WHERE r.id = target.id RETURNING r.id, r.version
      ), removed AS (
        DELETE FROM \(unescaped: records) d USING updated
        WHERE d.resource_id = updated.id
          AND CASE WHEN \(status.replacesRecords) THEN NOT (d.path = ANY(\(paths)::text[]))
            ELSE d.path = ANY(\(status.removed)::text[]) END
      ), stored AS (
        INSERT INTO \(unescaped: records) (resource_id, path, body)
        SELECT updated.id, given.path, given.body
        FROM updated, unnest(\(paths)::text[], \(bodies)::bytea[]) AS given (path, body)
        ON CONFLICT (resource_id, path) DO UPDATE SET body = excluded.body
      )
      SELECT version, pg_notify(\(schema.channel), 'u ' || version::text || ' ' || \(key.notificationSuffix))::text
      FROM updated
      """
  }

  /// The first row's version of a `SELECT version, pg_notify(…)` statement, or `nil`.
  private func firstVersion(_ query: PostgresQuery, operation: String) async throws(StoreError) -> ResourceVersion? {
    do {
      var version: ResourceVersion?
      for try await row in try await client.query(query, logger: logger) {
        version = try row.decode(Int64.self)
      }
      return version
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  /// The current version of `key`, or `nil` when there is none.
  func currentVersion(_ key: ResourceKey, operation: String) async throws(StoreError) -> ResourceVersion? {
    do {
      var version: ResourceVersion?
      let rows = try await client.query(
        """
        SELECT version FROM \(unescaped: schema.table("resources"))
        WHERE project = \(key.project) AND domain = \(key.domain) AND name = \(key.name)
        """, logger: logger)
      for try await row in rows { version = try row.decode(Int64.self) }
      return version
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  /// The error for a compare-and-swap that changed nothing: `notFound` or `conflict`.
  private func casFailure(
    _ key: ResourceKey, expected: ResourceVersion, operation: String
  ) async throws(StoreError) -> StoreError {
    guard let current = try await currentVersion(key, operation: operation) else {
      return StoreError(.notFound, "no resource named \(key)", operation: operation)
    }
    return StoreError(
      .conflict, "\(key) is at version \(current), not \(expected); re-read it and try again", operation: operation)
  }
}

/// Thrown inside a transaction to roll it back when the compare-and-swap matched no row.
private struct CASMissed: Error {}
