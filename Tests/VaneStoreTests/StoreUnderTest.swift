import Foundation
import Logging
import PostgresNIO
import VaneStore
import VaneStorePostgres
import VaneTesting

/// The stores the conformance tests run against: every `ResourceStore` must pass them alike.
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
  /// `SQLiteResourceStore` on a fresh file.
  case sqlite
  /// `PostgresResourceStore` in a fresh schema of the test server.
  case postgres

  var description: String { rawValue }
}

/// A store under test, with what the conformance tests need beyond the protocol.
struct StoreUnderTest: Sendable {
  let store: any ResourceStore
  /// The store's own event log (the one its combined updates number with).
  let eventLog: any EventLog
  /// Another event log over the same data, opened separately.
  let separateLog: @Sendable () async throws -> any EventLog
  /// A new store object over the same data, as after a restart.
  let reopen: @Sendable () async throws -> (store: any ResourceStore, eventLog: any EventLog)
  /// Delivers every committed change to the watchers, then ends every watch stream.
  let close: @Sendable () async -> Void
}

/// Runs `body` with a fresh store of `kind`, closed (and its data removed) afterwards.
func withStore<Result: Sendable>(
  _ kind: StoreKind, _ body: (StoreUnderTest) async throws -> Result
) async throws -> Result {
  switch kind {
  case .sqlite:
    return try await withTemporaryDirectory { directory in
      let path = directory + "/vane.db"
      let store = try SQLiteResourceStore(path: path)
      let reopenedStores = Locked<[SQLiteResourceStore]>([])
      defer {
        store.close()
        for reopened in reopenedStores.value { reopened.close() }
      }
      let subject = StoreUnderTest(
        store: store, eventLog: store.eventLog,
        separateLog: { try SQLiteEventLog(database: store.database) },
        reopen: {
          // Its own connections to the file: it reads what reached the disk.
          let reopened = try SQLiteResourceStore(path: path)
          reopenedStores.withLock { $0.append(reopened) }
          return (reopened, reopened.eventLog)
        },
        close: { store.close() })
      return try await body(subject)
    }
  case .postgres:
    return try await withPostgresStore { store in
      let subject = StoreUnderTest(
        store: store, eventLog: store.eventLog,
        separateLog: { try await PostgresEventLog.open(client: store.client, schema: store.schema) },
        reopen: {
          let reopened = try await PostgresResourceStore.open(client: store.client, schema: store.schema)
          return (reopened, reopened.eventLog)
        },
        close: { await store.close() })
      return try await body(subject)
    }
  }
}
