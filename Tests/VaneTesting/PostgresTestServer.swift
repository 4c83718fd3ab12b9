import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server a test target uses: `$VANE_TEST_POSTGRES_URL` when set (as `make test`
/// does, from scripts/postgres/start.sh), else a throwaway cluster this test process starts with
/// that script on first use and stops when it exits. Callers give each test a schema or
/// database of its own, so suites run in parallel on one server.
public enum PostgresTestServer {
  nonisolated(unsafe) static var startedDirectory: String?
  nonisolated(unsafe) static var stopScript: String?

  /// The server's `postgres://user@host:port/database` URL, or why there is none.
  public static let url: Result<String, PostgresServerError> = start()

  /// How long starting the cluster took (zero when it came from the environment).
  nonisolated(unsafe) public private(set) static var startup: Duration = .zero

  private static func start() -> Result<String, PostgresServerError> {
    if let url = ProcessInfo.processInfo.environment["VANE_TEST_POSTGRES_URL"], !url.isEmpty { return .success(url) }
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    // start.sh creates the directory; it must not exist yet.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vane-pg-\(UUID().uuidString)").path
    let script = repository.appendingPathComponent("scripts/postgres/start.sh").path
    let began = ContinuousClock.now
    // system(3): the server inherits the script's descriptors, which Foundation's Process waits for.
    let status = system("/bin/bash '\(script)' '\(directory)' >/dev/null")
    startup = ContinuousClock.now - began
    guard status == 0 else {
      return .failure(PostgresServerError(message: "scripts/postgres/start.sh failed (status \(status))"))
    }
    startedDirectory = directory
    stopScript = repository.appendingPathComponent("scripts/postgres/stop.sh").path
    atexit {
      guard let directory = PostgresTestServer.startedDirectory, let stop = PostgresTestServer.stopScript else {
        return
      }
      _ = system("/bin/bash '\(stop)' '\(directory)' >/dev/null 2>&1")
    }
    let data = FileManager.default.contents(atPath: directory + "/url") ?? Data()
    return .success(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }

  /// Host, port, user and database of `url` (no password: the test clusters trust loopback).
  public static func parts(of url: String) -> (host: String, port: Int, user: String, database: String)? {
    guard let components = URLComponents(string: url), components.scheme?.hasPrefix("postgres") == true,
      let host = components.host
    else { return nil }
    let database = String(components.path.drop(while: { $0 == "/" }))
    return (host, components.port ?? 5432, components.user ?? "postgres", database.isEmpty ? "postgres" : database)
  }
}

/// Why the tests have no PostgreSQL server.
public struct PostgresServerError: Error, CustomStringConvertible {
  public let message: String
  public init(message: String) { self.message = message }
  public var description: String { "no PostgreSQL for the tests: \(message)" }
}
