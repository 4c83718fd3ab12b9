import Foundation
import Logging
public import PostgresNIO
public import VaneStorePostgres

/// Runs `body` with a running client of the test server (a pool of up to `maximumConnections`),
/// stopped afterwards.
public func withPostgresClient<Result: Sendable>(
  maximumConnections: Int = 8, _ body: (PostgresClient) async throws -> Result
) async throws -> Result {
  let url = try PostgresTestServer.url.get()
  guard let parts = PostgresTestServer.parts(of: url) else {
    throw PostgresServerError(message: "'\(url)' is not a postgres:// URL")
  }
  var configuration = PostgresClient.Configuration(
    host: parts.host, port: parts.port, username: parts.user, password: nil, database: parts.database,
    tls: .disable)
  configuration.options.maximumConnections = maximumConnections
  var background = Logger(label: "postgres-test-pool")
  background.logLevel = .error
  let client = PostgresClient(configuration: configuration, backgroundLogger: background)
  return try await withThrowingTaskGroup(of: Void.self) { tasks in
    tasks.addTask { await client.run() }
    defer { tasks.cancelAll() }
    return try await body(client)
  }
}

/// Runs `body` with a `PostgresResourceStore` in a new schema of the test server, listening
/// for changes; drops the schema afterwards (also when `body` throws).
public func withPostgresStore<Result: Sendable>(
  _ body: (PostgresResourceStore) async throws -> Result
) async throws -> Result {
  try await withPostgresClient { client in
    let schema = try PostgresStoreSchema("t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
    let logger = Logger(label: "postgres-store-test")
    let store = try await PostgresResourceStore.open(client: client, schema: schema, logger: logger)
    let outcome: Swift.Result<Result, any Error> = await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await store.run() }
      await store.listening()
      defer { tasks.cancelAll() }
      do {
        return .success(try await body(store))
      } catch {
        return .failure(error)
      }
    }
    await store.close()
    try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema.name) CASCADE"), logger: logger)
    return try outcome.get()
  }
}
