import Logging
import PostgresNIO
public import VaneStore

extension PostgresResourceStore {
  /// Announces `key` to every watcher on the schema as `.updated` at its current version,
  /// writing nothing: how one replica asks the replica that owns an execution for a round (a
  /// signal was set, a child execution ended) without knowing who that is. `false` when there
  /// is no such active execution (finished ones need no round).
  @discardableResult
  public func poke(_ key: ResourceKey) async throws(StoreError) -> Bool {
    let operation = "poke \(key)"
    try PostgresRow.check(key, operation: operation)
    let query: PostgresQuery = """
      SELECT pg_notify(\(schema.channel), 'u ' || version::text || ' ' || \(key.notificationSuffix))::text
      FROM \(unescaped: schema.table("resources"))
      WHERE project = \(key.project) AND domain = \(key.domain) AND name = \(key.name) AND NOT terminal
      """
    do {
      var found = false
      for try await _ in try await client.query(query, logger: logger) { found = true }
      return found
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }
}
