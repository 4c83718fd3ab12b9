import Foundation
public import VaneData
public import VaneS3

#if canImport(Glibc)
import Glibc
#endif

/// The S3 server the tests use: `$VANE_TEST_S3_URL` when set (as `make test` does, from
/// scripts/s3/start.sh), else a moto server this test process starts with that script on first
/// use (loopback, free port, temporary directory) and stops when it exits. Each test gets a
/// bucket of its own. Shared by the test targets that need object storage.
public enum S3TestServer {
  nonisolated(unsafe) static var startedDirectory: String?
  nonisolated(unsafe) static var stopScript: String?

  /// The server's base URL, or why there is none.
  public static let url: Result<String, S3ServerError> = start()

  private static func start() -> Result<String, S3ServerError> {
    if let url = ProcessInfo.processInfo.environment["VANE_TEST_S3_URL"], !url.isEmpty { return .success(url) }
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    guard let directory = try? TemporaryDirectory("vane-s3").path else {
      return .failure(S3ServerError(message: "cannot create a temporary directory for the S3 server"))
    }
    let script = repository.appendingPathComponent("scripts/s3/start.sh").path
    // system(3): the server inherits the script's descriptors, which Foundation's Process waits for.
    let status = system("/bin/bash '\(script)' '\(directory)' >/dev/null")
    guard status == 0 else { return .failure(S3ServerError(message: "scripts/s3/start.sh failed (status \(status))")) }
    startedDirectory = directory
    stopScript = repository.appendingPathComponent("scripts/s3/stop.sh").path
    atexit {
      guard let directory = S3TestServer.startedDirectory, let stop = S3TestServer.stopScript else { return }
      _ = system("/bin/bash '\(stop)' '\(directory)' >/dev/null 2>&1")
      try? FileManager.default.removeItem(atPath: directory)
    }
    let data = FileManager.default.contents(atPath: directory + "/url") ?? Data()
    return .success(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }

  /// Settings for the test server (moto accepts any key pair).
  public static func settings(retry: RetryPolicy = RetryPolicy(maximumAttempts: 3)) throws -> S3Settings {
    S3Settings(
      endpoint: try url.get(), region: "us-east-1",
      credentials: S3Credentials(accessKeyID: "vane-test", secretAccessKey: "vane-test-secret"), retry: retry,
      multipartThreshold: 5 << 20, partSize: 5 << 20, downloadRangeSize: 5 << 20)
  }

  /// A client and a fresh, empty bucket.
  public static func bucket(_ settings: S3Settings? = nil) async throws -> (client: S3Client, root: DataURI) {
    let client = try S3Client(settings: try settings ?? self.settings())
    let name = "vane-test-" + UUID().uuidString.lowercased().prefix(18)
    try await client.createBucket(String(name))
    return (client, DataURI("s3://\(name)"))
  }
}

/// Why there is no test S3 server.
public struct S3ServerError: Error, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}
