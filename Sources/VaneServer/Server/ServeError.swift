public import VaneModel

/// Why `vane serve` cannot start or keep serving: the admin store cannot be opened or does not
/// answer, or a port cannot be bound. `vane serve` exits 2 with `description` for a store it
/// was configured with but cannot use (a configuration or environment problem), 1 otherwise.
public struct ServeError: VaneError, Hashable {
  /// The stable kinds of failure.
  public enum Code: String, Sendable, Hashable {
    /// The configured admin store cannot be opened, migrated or reached in time.
    case adminStoreUnavailable
    /// A server did not come up on its port.
    case listenFailed
    /// A non-loopback address without authentication (see `ExposureCheck`).
    case unsafeExposure
    /// The TLS certificate or key cannot be used, or authentication cannot be set up.
    case badSecurity
  }

  public var code: Code
  public var message: String
  /// The store (`PostgreSQL at host:port/db (user u)`, `<data dir>/vane.db`) or server.
  public var location: String?

  /// Creates an error.
  public init(_ code: Code, _ message: String, at location: String?) {
    self.code = code
    self.message = message
    self.location = location
  }
}
