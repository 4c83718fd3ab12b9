import Foundation
public import VaneAdminStore
public import VaneStore

/// The event log of an SQLite engine store as a feed: the rows of `execution_events` by their
/// row id. Appends hold the database's one writer lock, so row ids grow in commit order and a
/// reader's snapshot always holds a prefix of them — reading "after the last id applied" never
/// skips an event. (Reads the table directly; belongs in `SQLiteEventLog` once it offers a
/// feed across executions.)
///
/// Its name keys the position in the admin store. Positions are row ids of one file, so the name
/// must say which file: with the admin tables in the same file (the embedded default) it is
/// `sqlite-events`, as it always was (the position lives and moves with the events); with the
/// admin tables elsewhere (PostgreSQL) it is `sqlite-events/<id>`, `<id>` a random identity kept
/// in the file (``identity(of:)``). Under one constant name a new or replaced engine database
/// would inherit another file's position and its first events would never be applied.
public struct SQLiteEventFeed: EventFeed {
  public let database: SQLiteDatabase
  public let name: String

  /// The feed of `database` whose positions are stored under `name`.
  public init(database: SQLiteDatabase, name: String = "sqlite-events") {
    self.database = database
    self.name = name
  }

  /// The feed of `database` for an admin store in another database: named after the file's
  /// identity.
  public static func identified(database: SQLiteDatabase) throws(StoreError) -> SQLiteEventFeed {
    SQLiteEventFeed(database: database, name: "sqlite-events/\(try identity(of: database))")
  }

  /// The random identity of the database file, created by the first call and kept in its
  /// `key_values` table (namespace `vane`, key `database-id`); a copy of the file keeps it.
  public static func identity(of database: SQLiteDatabase) throws(StoreError) -> String {
    try database.write { connection throws(StoreError) -> String in
      try connection.withStatement(
        "INSERT INTO key_values (namespace, key, version, value) VALUES ('vane', 'database-id', 1, ?1) "
          + "ON CONFLICT DO NOTHING"
      ) { statement throws(StoreError) in
        try statement.bind(Data(UUID().uuidString.lowercased().utf8), at: 1)
        _ = try statement.step()
      }
      return try connection.withStatement(
        "SELECT value FROM key_values WHERE namespace = 'vane' AND key = 'database-id'"
      ) { statement throws(StoreError) -> String in
        guard try statement.step() else {
          throw StoreError(.corrupt, "the database has no identity", operation: "read the database identity")
        }
        return String(decoding: statement.data(0), as: UTF8.self)
      }
    }
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
