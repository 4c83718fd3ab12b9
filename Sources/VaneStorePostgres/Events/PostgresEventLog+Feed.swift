import Foundation
import Logging
import PostgresNIO
public import VaneStore

/// The feed across executions: every event of the schema in one order that a reader can page
/// through by position and never skip an event.
///
/// Why not the row `id`: it comes from a sequence when the row is inserted, not when it
/// commits, so a reader that saw id 12 may later see id 11 commit — "after 12" skips it
/// forever. Instead each event gets a `feed_position` after it committed: `feed` first, in a
/// transaction holding the schema's feed lock (`pg_advisory_xact_lock`), numbers committed
/// rows without one, in id order, from the `feed` sequence, and commits; only then it reads.
/// The lock makes numberers take turns, each commits before the next takes the lock, and only
/// numberers draw from the sequence — so the numbered rows always form a prefix of the
/// positions (gaps aside, from rolled-back numberers), and whatever position a reader sees,
/// every smaller one is already visible. Two readers at once each number then read and agree.
///
/// Events of one execution keep their sequence order: its appends take turns (the numbering
/// lock), so its ids — and its positions — grow with its sequence.
extension PostgresEventLog {
  /// The most events one `feed` call numbers and returns.
  public static let maxFeedBatch = 10_000

  /// Up to `limit` events with a position after `after`, by position; first numbers up to
  /// `limit` committed events that have none (see the type's comment).
  public func feed(after: Int64, limit: Int) async throws(StoreError) -> [(position: Int64, event: ExecutionEvent)] {
    let operation = "read the event feed after \(after)"
    guard (1...Self.maxFeedBatch).contains(limit) else {
      throw StoreError(
        .invalidArgument, "feed limit must be in 1...\(Self.maxFeedBatch), got \(limit)", operation: operation)
    }
    try await numberFeed(upTo: limit, operation: operation)
    let query: PostgresQuery = """
      SELECT feed_position, project, domain, name, seq, kind, phase, occurred_at, payload
      FROM \(unescaped: schema.table("execution_events"))
      WHERE feed_position > \(after) ORDER BY feed_position LIMIT \(Int64(limit))
      """
    do {
      var events: [(position: Int64, event: ExecutionEvent)] = []
      for try await row in try await client.query(query, logger: logger) {
        let (position, project, domain, name, seq, kindNumber, phase, occurredAt, payload) = try row.decode(
          (Int64, String, String, String, Int64, Int32, Int32, Int64, Data).self)
        guard let kind = ExecutionEvent.Kind(rawValue: kindNumber) else {
          throw StoreError(
            .corrupt, "event at feed position \(position) has unknown kind \(kindNumber)", operation: operation)
        }
        let event = ExecutionEvent(
          key: ResourceKey(project: project, domain: domain, name: name), sequence: seq, kind: kind, phase: phase,
          occurredAt: PostgresRow.date(microseconds: occurredAt), payload: payload)
        events.append((position, event))
      }
      return events
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  /// Gives up to `count` committed, unnumbered events positions, in id order, and commits.
  /// `nextval` runs once per row (a materialized CTE) over the already ordered and limited
  /// subquery, so positions follow ids.
  private func numberFeed(upTo count: Int, operation: String) async throws(StoreError) {
    let events = schema.table("execution_events")
    let lock = schema.feedLockID
    let query: PostgresQuery = """
      WITH numbered AS MATERIALIZED (
        SELECT id, nextval('\(unescaped: schema.table("feed"))') AS position
        FROM (SELECT id FROM \(unescaped: events) WHERE feed_position IS NULL ORDER BY id LIMIT \(Int64(count))) unfed
      )
      UPDATE \(unescaped: events) e SET feed_position = numbered.position FROM numbered WHERE e.id = numbered.id
      """
    let logger = self.logger
    do {
      try await client.withTransaction(logger: logger) { connection in
        try await connection.query("SELECT pg_advisory_xact_lock(\(lock))::text", logger: logger)
        try await connection.query(query, logger: logger)
      }
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }
}
