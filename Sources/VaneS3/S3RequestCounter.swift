import Synchronization

/// Counts the requests a client sent by API operation (every attempt counts), and the retries:
/// the figures `make bench` reports per node transition.
public final class S3RequestCounter: Sendable {
  private let counts = Mutex<[String: Int]>([:])

  public init() {}

  func record(_ operation: String) {
    counts.withLock { $0[operation, default: 0] += 1 }
  }

  /// Requests sent so far, by operation (`PutObject`, `GetObject`, `HeadObject`, …, and `retry after HTTP 503`, `retry after connection`, …).
  public var snapshot: [String: Int] { counts.withLock { $0 } }
}
