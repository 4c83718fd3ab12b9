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

/// Runs `body` with a `PostgresResourceStore` in a new schema of the test server, listening
/// for changes; drops the schema afterwards.
func withPostgresStore<Result: Sendable>(
  _ body: (PostgresResourceStore) async throws -> Result
) async throws -> Result {
  try await withPostgresClient { client in
    let schema = try PostgresStoreSchema("t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
    let logger = Logger(label: "postgres-store-test")
    let store = try await PostgresResourceStore.open(client: client, schema: schema, logger: logger)
    let result = try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await store.run() }
      await store.listening()
      do {
        let result = try await body(store)
        tasks.cancelAll()
        return result
      } catch {
        tasks.cancelAll()
        throw error
      }
    }
    await store.close()
    try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema.name) CASCADE"), logger: logger)
    return result
  }
}

/// Runs `body` with a running client of the test server (a pool of up to 8 connections).
func withPostgresClient<Result: Sendable>(_ body: (PostgresClient) async throws -> Result) async throws -> Result {
  let url = try PostgresTestServer.url.get()
  guard let parts = PostgresTestServer.parts(of: url) else {
    throw PostgresServerError(message: "'\(url)' is not a postgres:// URL")
  }
  var configuration = PostgresClient.Configuration(
    host: parts.host, port: parts.port, username: parts.user, password: nil, database: parts.database, tls: .disable)
  configuration.options.maximumConnections = 8
  var background = Logger(label: "postgres-test-pool")
  background.logLevel = .error
  let client = PostgresClient(configuration: configuration, backgroundLogger: background)
  return try await withThrowingTaskGroup(of: Void.self) { tasks in
    tasks.addTask { await client.run() }
    do {
      let result = try await body(client)
      tasks.cancelAll()
      return result
    } catch {
      tasks.cancelAll()
      throw error
    }
  }
}
