import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import VaneAdmin

#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server the tests use: `$VANE_TEST_POSTGRES_URL` when set (as `make test`
/// does, from scripts/postgres/start.sh), else a throwaway cluster this test process starts
/// with that script on first use (loopback, free port, temporary directory, fsync off) and
/// stops when it exits. Each test gets a database of its own.
enum PostgresTestCluster {
  nonisolated(unsafe) static var startedDirectory: String?
  nonisolated(unsafe) static var stopScript: String?

  /// The server's settings (database `postgres`), or the reason there is none.
  static let server: Result<Config.Postgres, PostgresClusterError> = start()

  /// How long starting the cluster took (zero when it came from the environment).
  nonisolated(unsafe) static var startup: Duration = .zero

  private static func start() -> Result<Config.Postgres, PostgresClusterError> {
    var settings = Config.Postgres()
    settings.database = "postgres"
    settings.maxConnections = 4
    if let url = ProcessInfo.processInfo.environment["VANE_TEST_POSTGRES_URL"], !url.isEmpty {
      do {
        var config = try ConfigReader.decode("admin_store:\n  postgres:\n    url: '\(url)'\n")
        config.adminStore.postgres.maxConnections = 4
        return .success(config.adminStore.postgres)
      } catch {
        return .failure(PostgresClusterError(message: "VANE_TEST_POSTGRES_URL: \(error)"))
      }
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
    do {
      var config = try ConfigReader.decode("admin_store:\n  postgres:\n    url: '\(url)'\n")
      config.adminStore.postgres.maxConnections = 4
      return .success(config.adminStore.postgres)
    } catch {
      return .failure(PostgresClusterError(message: "start.sh printed '\(url)': \(error)"))
    }
  }

  /// Runs `body` with a `PostgresAdminStore` on a new, empty database.
  static func withStore(_ body: (PostgresAdminStore) async throws -> Void) async throws {
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
    let store = PostgresAdminStore(settings: settings, logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { await admin.run() }
      tasks.addTask { try await store.service.run() }
      try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"), logger: logger)
      do {
        try await body(store)
      } catch {
        tasks.cancelAll()
        throw error
      }
      tasks.cancelAll()
    }
  }
}

struct PostgresClusterError: Error, CustomStringConvertible {
  let message: String
  var description: String { "no PostgreSQL for the tests: \(message)" }
}
