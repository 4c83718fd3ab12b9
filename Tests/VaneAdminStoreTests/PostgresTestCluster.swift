import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
import VaneAdminStore
#endif

/// The PostgreSQL server the tests use: `$VANE_TEST_POSTGRES_URL` when set (as `make test`
/// does, from scripts/postgres/start.sh), else a throwaway cluster this test process starts
/// with that script on first use (loopback, free port, temporary directory, fsync off) and
/// stops when it exits. Each test gets a database of its own.
enum PostgresTestCluster {
  nonisolated(unsafe) static var startedDirectory: String?
  nonisolated(unsafe) static var stopScript: String?

  /// The server's settings (database `postgres`), or the reason there is none.
  static let server: Result<PostgresSettings, PostgresClusterError> = start()

  /// How long starting the cluster took (zero when it came from the environment).
  nonisolated(unsafe) static var startup: Duration = .zero

  private static func start() -> Result<PostgresSettings, PostgresClusterError> {
    if let url = ProcessInfo.processInfo.environment["VANE_TEST_POSTGRES_URL"], !url.isEmpty {
      return settings(url: url, from: "VANE_TEST_POSTGRES_URL")
    }
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vane-pg-\(UUID().uuidString)").path
    let began = ContinuousClock.now
    // system(3), not Foundation's Process: the server inherits the script's descriptors and
    // Process waits for them; the URL is read from DIR/url.
    let script = repository.appendingPathComponent("scripts/postgres/start.sh").path
    let status = system("/bin/bash '\(script)' '\(directory)' >/dev/null")
    startup = ContinuousClock.now - began
    guard status == 0 else {
      return .failure(PostgresClusterError(message: "scripts/postgres/start.sh failed (status \(status))"))
    }
    startedDirectory = directory
    stopScript = repository.appendingPathComponent("scripts/postgres/stop.sh").path
    atexit {
      guard let directory = PostgresTestCluster.startedDirectory, let stop = PostgresTestCluster.stopScript else {
        return
      }
      _ = system("/bin/bash '\(stop)' '\(directory)' >/dev/null 2>&1")
    }
    let data = FileManager.default.contents(atPath: directory + "/url") ?? Data()
    let url = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return settings(url: url, from: "start.sh")
  }

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
