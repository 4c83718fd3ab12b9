public import PostgresNIO

extension PostgresSettings {
  /// The pool configuration for these settings: plain TCP (loopback or a trusted network),
  /// at most `max_connections`, idle connections closed after a minute.
  public var clientConfiguration: PostgresClient.Configuration {
    var configuration = PostgresClient.Configuration(
      host: host, port: port, username: user, password: password.isEmpty ? nil : password, database: database,
      tls: .disable)
    configuration.options.maximumConnections = max(1, maxConnections)
    configuration.options.minimumConnections = 0
    configuration.options.connectionIdleTimeout = .seconds(60)
    return configuration
  }
}
