import Foundation

/// Where a remote command's server and its config come from, with flytectl's order: the config
/// file is `-c/--config`, else `$FLYTECTL_CONFIG`, else `~/.flyte/config.yaml` when it exists;
/// the endpoint is `--endpoint`, else `$VANE_ENDPOINT`, else the config's `admin.endpoint`, else
/// 127.0.0.1:8089. The config's TLS and credentials apply whichever way the endpoint was chosen;
/// without a config the connection is plaintext, as `vane serve` listens by default.
///
/// Inputs are passed in (flags, environment, home directory) so the precedence is tested alone.
public struct ClientSettings: Sendable {
  public var endpointFlag: String?
  public var configFlag: String?
  public var environment: [String: String]
  public var home: String?

  public static let defaultEndpoint = ServerAddress(host: "127.0.0.1", port: 8089)

  public init(endpointFlag: String?, configFlag: String?, environment: [String: String], home: String?) {
    self.endpointFlag = endpointFlag
    self.configFlag = configFlag
    self.environment = environment
    self.home = home
  }

  /// A config file to read, and whether it was named (flag or environment) rather than found in
  /// the home directory.
  public struct ConfigChoice: Equatable, Sendable {
    public let path: String
    public let named: Bool

    public init(path: String, named: Bool) {
      self.path = path
      self.named = named
    }
  }

  /// The config file, or nil when none is named and `~/.flyte/config.yaml` does not exist.
  public var configChoice: ConfigChoice? {
    if let configFlag { return ConfigChoice(path: configFlag, named: true) }
    if let value = value("FLYTECTL_CONFIG") { return ConfigChoice(path: value, named: true) }
    guard let home, !home.isEmpty else { return nil }
    let path = URL(fileURLWithPath: home).appendingPathComponent(".flyte/config.yaml").path
    return FileManager.default.fileExists(atPath: path) ? ConfigChoice(path: path, named: false) : nil
  }

  /// True when a server was named — by `--endpoint`, `$VANE_ENDPOINT`, `-c/--config` or
  /// `$FLYTECTL_CONFIG` — rather than only found in `~/.flyte/config.yaml`. Commands that also
  /// work on a local data directory (relaunch, recover, signal) go to a server only then, so a
  /// flytectl config in the home directory does not turn local reruns into remote ones.
  public var namesServer: Bool {
    endpointFlag != nil || value("VANE_ENDPOINT") != nil || configFlag != nil || value("FLYTECTL_CONFIG") != nil
  }

  /// What the command connects to.
  public struct Resolved: Equatable, Sendable {
    public var address: ServerAddress
    /// Where the address came from, for messages: `--endpoint`, `$VANE_ENDPOINT`, the config's
    /// `<path>: admin.endpoint`, or `default`.
    public var source: String
    public var config: FlyteClientConfig
    public var configPath: String?
  }

  /// Reads the config (if any) and picks the endpoint. A bad `--endpoint` is a usage error
  /// (`ClientSettingsError.badFlag`); a bad config or `$VANE_ENDPOINT` a config error.
  public func resolve() throws(ClientSettingsError) -> Resolved {
    // Without a config, plaintext: `vane serve` without TLS (its default) is what is there.
    var config = FlyteClientConfig()
    config.insecure = true
    let choice = configChoice
    if let choice {
      do {
        config = try Self.load(choice.path)
      } catch {
        throw .badConfig(error)
      }
    }
    if let endpointFlag {
      guard let address = ServerAddress(parsing: endpointFlag) else {
        throw .badFlag("--endpoint '\(endpointFlag)' is not an endpoint; write host:port, e.g. 127.0.0.1:8089")
      }
      return Resolved(address: address, source: "--endpoint", config: config, configPath: choice?.path)
    }
    if let text = value("VANE_ENDPOINT") {
      guard let address = ServerAddress(parsing: text) else {
        throw .badConfig(
          ClientConfigError(path: "$VANE_ENDPOINT", key: nil, problem: "'\(text)' is not an endpoint; write host:port"))
      }
      return Resolved(address: address, source: "$VANE_ENDPOINT", config: config, configPath: choice?.path)
    }
    if let address = config.endpoint, let path = choice?.path {
      return Resolved(address: address, source: "\(path): admin.endpoint", config: config, configPath: path)
    }
    return Resolved(address: Self.defaultEndpoint, source: "default", config: config, configPath: choice?.path)
  }

  /// Reads and parses the config at `path`; every failure names the file.
  public static func load(_ path: String) throws(ClientConfigError) -> FlyteClientConfig {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      let exists = FileManager.default.fileExists(atPath: path)
      throw ClientConfigError(path: path, key: nil, problem: exists ? "cannot be read" : "no such file")
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.read(upToCount: FlyteClientConfig.maximumBytes + 1) ?? Data()
    } catch {
      throw ClientConfigError(path: path, key: nil, problem: "cannot be read: \(error.localizedDescription)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ClientConfigError(path: path, key: nil, problem: "not UTF-8 text")
    }
    return try FlyteClientConfig.parse(text, path: path)
  }

  private func value(_ name: String) -> String? {
    guard let value = environment[name], !value.isEmpty else { return nil }
    return value
  }
}
