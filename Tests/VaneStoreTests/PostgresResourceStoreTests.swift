import Foundation
import Logging
import PostgresNIO
import Testing
import VaneStore
import VaneStorePostgres
import VaneTesting

/// What only the PostgreSQL store does: changes from other replicas, the resync after a lost
/// watch connection, and the limits PostgreSQL puts on keys and schemas. The behaviour every
/// store shares is tested on both stores by the suites that take a `StoreKind`.
@Suite struct PostgresResourceStoreTests {
  @Test func anotherReplicasWritesReachTheWatchers() async throws {
    try await withPostgresStore { store in
      // A second store object on the same schema, as another replica has; it does not listen.
      let replica = PostgresResourceStore(
        migrated: store.client, schema: store.schema, logger: Logger(label: "replica"))
      // Read after each write: a watcher that falls behind keeps only a key's newest change.
      var changes = store.watch().makeAsyncIterator()
      let created = try await replica.create(key("a"), spec: Data(), status: Data(), labels: [:])
      #expect(await changes.next() == ResourceEvent(.created, key: key("a"), version: created.metadata.version))
      let updated = try await replica.update(
        key("a"), expectedVersion: created.metadata.version, status: bytes("1"), terminal: true)
      #expect(await changes.next() == ResourceEvent(.updated, key: key("a"), version: updated))
      try await replica.delete(key("a"))
      let deleted = await changes.next()
      #expect(deleted?.kind == .deleted && deleted?.key == key("a") && (deleted?.version ?? 0) > updated)
    }
  }

  @Test func aDroppedWatchConnectionIsFollowedByAResyncOfTheActiveKeys() async throws {
    try await withPostgresStore { store in
      var changes = store.watch().makeAsyncIterator()
      let active = try await store.create(key("active"), spec: Data(), status: Data(), labels: [:])
      #expect(await changes.next() == ResourceEvent(.created, key: key("active"), version: active.metadata.version))
      let done = try await store.create(key("done"), spec: Data(), status: Data(), labels: [:])
      #expect(await changes.next() == ResourceEvent(.created, key: key("done"), version: done.metadata.version))
      let finished = try await store.update(
        key("done"), expectedVersion: done.metadata.version, status: Data(), terminal: true)
      #expect(await changes.next() == ResourceEvent(.updated, key: key("done"), version: finished))

      // Cut the store's LISTEN connection (found by its channel) as a network failure would.
      let cut = try await store.client.query(
        """
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE query LIKE 'LISTEN%' AND query LIKE \("%" + store.schema.name + "_changes%")
        """, logger: Logger(label: "test"))
      var terminated = 0
      for try await row in cut where try row.decode(Bool.self) { terminated += 1 }
      #expect(terminated == 1)

      // Listening again, the store republishes the active key at its version (what a watcher
      // may have missed), not the finished one; then live changes flow again.
      #expect(await changes.next() == ResourceEvent(.updated, key: key("active"), version: active.metadata.version))
      let later = try await store.create(key("later"), spec: Data(), status: Data(), labels: [:])
      #expect(await changes.next() == ResourceEvent(.created, key: key("later"), version: later.metadata.version))
    }
  }

  @Test func keysAndTextPostgresCannotHoldAreRefusedAsInvalid() async throws {
    try await withPostgresStore { store in
      let withNUL = ResourceKey(project: "p", domain: "d", name: "a\u{0}b")
      let tooLong = ResourceKey(project: "p", domain: "d", name: String(repeating: "x", count: 1_025))
      for bad in [withNUL, tooLong] {
        #expect(
          await storeErrorCode { _ = try await store.create(bad, spec: Data(), status: Data(), labels: [:]) }
            == .invalidArgument)
        #expect(await storeErrorCode { _ = try await store.getStatus(bad) } == .invalidArgument)
        #expect(
          await storeErrorCode {
            _ = try await store.eventLog.append([
              NewExecutionEvent(key: bad, kind: .node, phase: 0, occurredAt: Date(), payload: Data())
            ])
          } == .invalidArgument)
      }
      // The longest allowed key works end to end, watch payload included.
      let longest = ResourceKey(
        project: String(repeating: "p", count: 1_024), domain: String(repeating: "é", count: 512),
        name: String(repeating: "n", count: 1_024))
      var changes = store.watch().makeAsyncIterator()
      let created = try await store.create(longest, spec: Data(), status: Data(), labels: [:])
      #expect(await changes.next() == ResourceEvent(.created, key: longest, version: created.metadata.version))

      _ = try await store.create(key("a"), spec: Data(), status: Data(), labels: [:])
      #expect(await storeErrorCode { _ = try await store.requestAbort(key("a"), reason: "x\u{0}") } == .invalidArgument)
      #expect(try await store.getStatus(key("a"))?.metadata.abortRequest == nil)
    }
  }

  @Test func aSchemaWrittenByANewerVaneOrABadSchemaNameIsRefused() async throws {
    try await withPostgresStore { store in
      try await store.client.query(
        PostgresQuery(unsafeSQL: "UPDATE \(store.schema.name).store_schema SET version = 99"),
        logger: Logger(label: "test"))
      let newer = await storeErrorCode {
        _ = try await PostgresResourceStore.open(client: store.client, schema: store.schema)
      }
      #expect(newer == .schemaTooNew)
    }
    for name in ["", "1abc", "Upper", "semi;colon", "a-b", String(repeating: "a", count: 41)] {
      #expect(await storeErrorCode { _ = try PostgresStoreSchema(name) } == .invalidArgument, "\(name)")
    }
  }
}
