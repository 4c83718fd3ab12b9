import Foundation
public import Logging
public import PostgresNIO
public import ServiceLifecycle
public import VaneStore

/// `ResourceStore` on PostgreSQL: the store several engine replicas share.
///
/// Tables live in one schema (`PostgresStoreSchema`). Each write is one statement or one
/// transaction; a compare-and-swap locks the row (`FOR UPDATE`) before it takes a version from
/// the `revision` sequence, so a lost race consumes no version. Every write `NOTIFY`s its
/// change in the same transaction, so notifications arrive after the commit, in commit order,
/// at every store on the schema — writes from other replicas included.
///
/// `run()` (a `Service`) holds one pooled connection that `LISTEN`s and publishes what arrives
/// to `watch()` streams. When that connection drops, notifications sent meanwhile are lost, so
/// after listening again it publishes an `.updated` event for every active key at its current
/// version (the resync fallback): a watcher re-reads them and misses nothing it must act on.
public final class PostgresResourceStore: ResourceStore, Service, PostgresSchemaUser {
  /// The longest key part, in UTF-8 bytes, this store accepts: it keeps a notification payload
  /// under PostgreSQL's 8,000-byte limit.
  public static let maxKeyPartBytes = 1_024

  /// The pool this store queries through; the caller runs it.
  public let client: PostgresClient
  /// Where the tables are.
  public let schema: PostgresStoreSchema
  /// The event log in the same schema; `update(_:expectedVersion:status:terminal:appending:)`
  /// numbers events exactly as its `append` does.
  public let eventLog: PostgresEventLog
  let broadcaster = ResourceEventBroadcaster()
  let listener = PostgresListenerState()
  let logger: Logger

  public static let defaultLoggerLabel = "vane.store.postgres"

  /// A store over a schema that is already migrated.
  public init(migrated client: PostgresClient, schema: PostgresStoreSchema, logger: Logger) {
    self.client = client
    self.schema = schema
    self.logger = logger
    self.eventLog = PostgresEventLog(migrated: client, schema: schema, logger: logger)
  }

  public func watch() -> AsyncStream<ResourceEvent> {
    broadcaster.subscribe()
  }

  /// Returns once `run()` is listening: changes committed from then on reach `watch()`.
  public func listening() async {
    await listener.waitUntilListening()
  }

  /// Delivers every change committed before the call to the watchers (when `run()` is
  /// listening), then ends every watch stream after its buffered events.
  public func close() async {
    let token = UUID().uuidString
    if listener.expectFlush(token) {
      do {
        try await client.query(
          "SELECT pg_notify(\(schema.channel), \(PostgresChange.flushed(token: token).payload))", logger: logger)
        await listener.waitForFlush(token)
      } catch {
        listener.abandonFlush(token)
        logger.notice("could not flush the watch stream", metadata: ["error": "\(error)"])
      }
    }
    broadcaster.finish()
  }

  /// Listens for changes until cancelled or, under a `ServiceGroup`, until graceful shutdown;
  /// then ends every watch stream (`close()`). Reconnects with a growing pause (at most 5 s).
  public func run() async throws {
    try await cancelWhenGracefulShutdown { try await self.listen() }
    await close()
  }

  private func listen() async throws {
    var failures = 0
    var listenedBefore = false
    while !Task.isCancelled {
      do {
        try await client.withConnection { connection in
          try await connection.listen(on: schema.channel) { notifications in
            failures = 0
            listener.setListening(true)
            if listenedBefore { await resyncAfterReconnect() }
            listenedBefore = true
            for try await notification in notifications { deliver(notification.payload) }
          }
        }
      } catch {
        if Task.isCancelled { break }
        logger.warning("the watch connection failed; listening again", metadata: ["error": "\(error)"])
      }
      listener.setListening(false)
      failures += 1
      try? await Task.sleep(for: .milliseconds(min(5_000, 50 << min(failures, 7))))
    }
    listener.setListening(false)
  }

  private func deliver(_ payload: String) {
    switch PostgresChange(payload: payload) {
    case .change(let event): broadcaster.publish(event)
    case .flushed(let token): listener.flushed(token)
    case nil: logger.notice("ignored a notification this store did not write", metadata: ["payload": "\(payload)"])
    }
  }

  /// Publishes every active key at its current version: the changes lost while disconnected
  /// are among them (a finished or deleted execution needs no more rounds).
  private func resyncAfterReconnect() async {
    do {
      var after: ResourceKey?
      while true {
        let page = try await list(.active, limit: 1_000, after: after)
        for metadata in page {
          broadcaster.publish(ResourceEvent(.updated, key: metadata.key, version: metadata.version))
        }
        guard page.count == 1_000, let last = page.last else { break }
        after = last.key
      }
    } catch {
      logger.warning(
        "resync after reconnecting failed; the periodic resync will cover it", metadata: ["error": "\(error)"])
    }
  }
}
