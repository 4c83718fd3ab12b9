import Foundation
public import VaneAdminStore
public import VaneStore

/// The event log of an SQLite engine store as a feed: the rows of `execution_events` by their
/// row id. Appends hold the database's one writer lock, so row ids grow in commit order and a
/// reader's snapshot always holds a prefix of them — reading "after the last id applied" never
/// skips an event. (Reads the table directly; belongs in `SQLiteEventLog` once it offers a
/// feed across executions.)
public struct SQLiteEventFeed: EventFeed {
  public let database: SQLiteDatabase
  public var name: String { "sqlite-events" }

  public init(database: SQLiteDatabase) {
    self.database = database
  }

  public func events(after position: Int64, limit: Int) async throws(AdminError) -> [FedEvent] {
    do {
      return try database.read { connection throws(StoreError) -> [FedEvent] in
        try connection.withStatement(
          """
          SELECT id, project, domain, name, seq, kind, phase, occurred_at, payload FROM execution_events
          WHERE id > ? ORDER BY id LIMIT ?
          """
        ) { statement throws(StoreError) -> [FedEvent] in
          try statement.bind(position, at: 1)
          try statement.bind(Int64(max(1, limit)), at: 2)
          var events: [FedEvent] = []
          while try statement.step() {
            guard let kind = ExecutionEvent.Kind(rawValue: Int32(truncatingIfNeeded: statement.int64(5))) else {
              throw StoreError(
                .corrupt, "event \(statement.int64(0)) has unknown kind \(statement.int64(5))",
                operation: "read the event feed")
            }
            let key = ResourceKey(project: statement.text(1), domain: statement.text(2), name: statement.text(3))
            let event = ExecutionEvent(
              key: key, sequence: statement.int64(4), kind: kind, phase: Int32(truncatingIfNeeded: statement.int64(6)),
              occurredAt: Date(timeIntervalSince1970: Double(statement.int64(7)) / 1_000_000),
              payload: statement.data(8))
            events.append(FedEvent(position: statement.int64(0), event: event))
          }
          return events
        }
      }
    } catch {
      throw error.admin
    }
  }
}
