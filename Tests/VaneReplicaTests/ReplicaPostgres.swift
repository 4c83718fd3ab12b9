import Foundation
import Logging
import PostgresNIO
import VaneStore
import VaneStorePostgres
import VaneTesting

/// Runs `body` with a store on a schema of its own on the test server (dropped afterwards),
/// listening for changes.
func withReplicaStore<Result: Sendable>(
  _ body: (PostgresResourceStore) async throws -> Result
) async throws -> Result {
  let url = try PostgresTestServer.url.get()
  guard let parts = PostgresTestServer.parts(of: url) else {
    throw PostgresServerError(message: "'\(url)' is not a postgres:// URL")
  }
  var configuration = PostgresClient.Configuration(
    host: parts.host, port: parts.port, username: parts.user, password: nil, database: parts.database, tls: .disable)
  configuration.options.maximumConnections = 8
  var background = Logger(label: "replica-test-pool")
  background.logLevel = .error
  let client = PostgresClient(configuration: configuration, backgroundLogger: background)
  return try await withThrowingTaskGroup(of: Void.self) { tasks in
    tasks.addTask { await client.run() }
    defer { tasks.cancelAll() }
    let schema = try PostgresStoreSchema("r_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
    let logger = Logger(label: "replica-test")
    let store = try await PostgresResourceStore.open(client: client, schema: schema, logger: logger)
    tasks.addTask { try await store.run() }
    await store.listening()
    let result: Result
    do {
      result = try await body(store)
    } catch {
      await store.close()
      _ = try? await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema.name) CASCADE"), logger: logger)
      throw error
    }
    await store.close()
    try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema.name) CASCADE"), logger: logger)
    return result
  }
}
