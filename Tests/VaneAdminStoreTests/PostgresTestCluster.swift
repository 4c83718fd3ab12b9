import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import VaneAdminStore
import VaneTesting

/// The PostgreSQL server the admin store tests use (`PostgresTestServer`: `$VANE_TEST_POSTGRES_URL`
/// or a throwaway cluster), as `PostgresSettings`. Each test gets a database of its own.
enum PostgresTestCluster {
  /// The server's settings (database `postgres`), or the reason there is none: the server
  /// every test target shares (`PostgresTestServer`).
  static let server: Result<PostgresSettings, PostgresClusterError> =
    switch PostgresTestServer.url {
    case .success(let url): settings(url: url, from: "the test PostgreSQL server")
    case .failure(let error): .failure(PostgresClusterError(message: error.message))
    }

  /// How long starting the cluster took (zero when it came from the environment).
  static var startup: Duration { PostgresTestServer.startup }

  /// The settings `url` names, with a small pool (each test has a database of its own).
  private static func settings(url: String, from source: String) -> Result<PostgresSettings, PostgresClusterError> {
    do {
      var settings = try PostgresSettings(url: url)
      settings.maxConnections = 4
      return .success(settings)
    } catch {
      return .failure(PostgresClusterError(message: "\(source) gave '\(url)': \(error)"))
    }
  }

  /// Runs `body` with a `SQLAdminStore` on a new, empty database, and the database's settings.
  static func withStore(_ body: (SQLAdminStore, PostgresSettings) async throws -> Void) async throws {
    let server = try server.get()
    let database = "vane_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let logger = Logger(label: "postgres-test")
    let admin = PostgresClient(
      configuration: .init(
        host: server.host, port: server.port, username: server.user, password: nil,
        database: server.database, tls: .disable),
      backgroundLogger: logger)
    var settings = server
    settings.database = database
    let store = SQLAdminStore(postgres: settings, logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { await admin.run() }
      for service in store.services { tasks.addTask { try await service.run() } }
      try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"), logger: logger)
      do {
        try await body(store, settings)
      } catch {
        tasks.cancelAll()
        throw error
      }
      tasks.cancelAll()
    }
  }
}

/// Runs `body` with a store over `settings` whose connection pool runs meanwhile.
func withPostgresStore(_ settings: PostgresSettings, _ body: (SQLAdminStore) async throws -> Void) async throws {
  let store = SQLAdminStore(postgres: settings, logger: Logger(label: "postgres-test"))
  try await withThrowingTaskGroup(of: Void.self) { tasks in
    for service in store.services { tasks.addTask { try await service.run() } }
    do {
      try await body(store)
    } catch {
      tasks.cancelAll()
      throw error
    }
    tasks.cancelAll()
  }
}

struct PostgresClusterError: Error, CustomStringConvertible {
  let message: String
  var description: String { "no PostgreSQL for the tests: \(message)" }
}
