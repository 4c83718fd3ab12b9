import Synchronization

/// The base URL of the HTTP endpoint (e.g. `http://127.0.0.1:8088`), known once it listens.
public final class HTTPAddress: Sendable {
  private let value = Mutex<String?>(nil)

  public init(_ initial: String? = nil) {
    value.withLock { $0 = initial }
  }

  /// The base URL, or nil before the endpoint listens.
  public var baseURL: String? { value.withLock { $0 } }

  func set(_ url: String) { value.withLock { $0 = url } }
}
