import ArgumentParser
import Foundation

/// `--endpoint host:port` and `--config FILE`: the `vane serve` a command talks to, and how —
/// TLS and client credentials come from a flytekit/flytectl config (the one `vane serve`
/// writes), so the command line works against a server with `--auth` and TLS too.
struct EndpointOption: ParsableArguments {
  @Option(help: "The vane serve gRPC endpoint, host:port (default: $VANE_ENDPOINT, the config's, else 127.0.0.1:8089).")
  var endpoint: String?

  @Option(
    name: .customLong("config"),
    help:
      "A flytekit config (e.g. <data dir>/config.yaml): endpoint, TLS, client credentials (default: $FLYTECTL_CONFIG)."
  )
  var configPath: String?

  /// `$VANE_ENDPOINT`, when set and not empty.
  static var fromEnvironment: String? {
    guard let value = ProcessInfo.processInfo.environment["VANE_ENDPOINT"], !value.isEmpty else { return nil }
    return value
  }

  /// The config file to read: the flag, else `$FLYTECTL_CONFIG`.
  var configFile: String? {
    if let configPath { return configPath }
    guard let value = ProcessInfo.processInfo.environment["FLYTECTL_CONFIG"], !value.isEmpty else { return nil }
    return value
  }

  /// True when a server was named (flag, environment or config), rather than left to the default.
  var isGiven: Bool { endpoint != nil || Self.fromEnvironment != nil || configFile != nil }

  /// The endpoint to call: the flag, else `$VANE_ENDPOINT`, else the config's, else 127.0.0.1:8089.
  var resolved: String { (try? connection().endpoint) ?? endpoint ?? Self.fromEnvironment ?? "127.0.0.1:8089" }

  /// A client for the resolved endpoint with the config's TLS and credentials.
  func client() throws -> RemoteClient { try connection().client() }

  func connection() throws -> RemoteConnection {
    let config = try configFile.map(FlytekitConfigFile.load) ?? FlytekitConfigFile(insecure: true)
    let endpoint = self.endpoint ?? Self.fromEnvironment ?? config.endpoint ?? "127.0.0.1:8089"
    var credentials: RemoteConnection.Credentials?
    if let id = config.clientID, let secret = try config.clientSecret() {
      credentials = .init(clientID: id, secret: secret)
    }
    return RemoteConnection(
      endpoint: endpoint, tls: !config.insecure, caCertificate: config.caCertFilePath, credentials: credentials)
  }
}

/// Where and how to reach a server.
struct RemoteConnection {
  struct Credentials {
    var clientID: String
    var secret: String
  }

  var endpoint: String
  var tls: Bool
  var caCertificate: String?
  var credentials: Credentials?

  func client() throws -> RemoteClient {
    try RemoteClient(endpoint: endpoint, tls: tls, caCertificate: caCertificate, credentials: credentials)
  }
}
