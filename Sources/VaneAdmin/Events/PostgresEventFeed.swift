public import VaneAdminStore
public import VaneStorePostgres

/// The event log of a PostgreSQL engine store as a feed: `PostgresEventLog.feed`'s positions,
/// which — unlike the rows' ids — are handed out after commit, so reading "after the last
/// position applied" never skips an event, whichever replica appended it.
///
/// Its name keys the position in the admin store: `postgres-events/<schema name>`. Positions
/// belong to one schema's `feed` sequence, so another schema (another store) gets a name, and a
/// position, of its own.
public struct PostgresEventFeed: EventFeed {
  public let log: PostgresEventLog
  public let name: String

  /// The feed of `log`'s schema.
  public init(log: PostgresEventLog) {
    self.log = log
    name = "postgres-events/\(log.schema.name)"
  }

  public func events(after position: Int64, limit: Int) async throws(AdminError) -> [FedEvent] {
    do {
      let limit = min(max(1, limit), PostgresEventLog.maxFeedBatch)
      return try await log.feed(after: position, limit: limit).map { FedEvent(position: $0.position, event: $0.event) }
    } catch {
      throw error.admin
    }
  }
}
