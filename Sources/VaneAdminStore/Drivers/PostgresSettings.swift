/// Where the PostgreSQL admin store connects and how many connections it keeps: the
/// `admin_store.postgres` section of `vane serve`'s configuration.
public struct PostgresSettings: Sendable, Hashable {
  public var host = "127.0.0.1"
  public var port = 5432
  public var user = "postgres"
  /// Empty: connect without a password.
  public var password = ""
  public var database = "vane"
  /// The connection pool's size.
  public var maxConnections = 8
  /// How long `vane serve` waits at start for the database to answer.
  public var connectTimeout = Duration.seconds(10)

  /// The defaults: `postgres@127.0.0.1:5432/vane`, no password.
  public init() {}

  /// `host:port/database`, for messages (never the password).
  public var endpoint: String { "\(host):\(port)/\(database)" }
}
