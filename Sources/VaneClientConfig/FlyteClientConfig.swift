import Yams

/// The `admin:` section of a flytekit / flytectl config file, the part the remote commands use:
/// where the server is, whether it speaks TLS and which CA to trust, and client credentials —
/// the file `vane serve` writes and `pyflyte --config` reads. Other sections (`storage`,
/// `console`, `logger`, …) belong to other tools and are left alone; within `admin`, a key Vane
/// reads must have the right type, so a typo'd value is an error and not a silent default.
public struct FlyteClientConfig: Equatable, Sendable {
  public var endpoint: ServerAddress?
  /// flytekit's default is TLS (`insecure: false`); `vane serve` writes `insecure: true`.
  public var insecure = false
  public var caCertFilePath: String?
  public var authType: String?
  public var clientID: String?
  public var clientSecretLocation: String?

  public init() {}

  /// The authentication flows flytekit/flytectl name; Vane's remote commands perform
  /// `ClientSecret` and send no token for the others (a server without `--auth` needs none).
  public static let authTypes: Set<String> = ["ClientSecret", "Pkce", "ExternalCommand", "DeviceFlow"]

  /// The largest config file read; a flytekit config is a few hundred bytes.
  public static let maximumBytes = 1 << 20

  /// Parses `text`, the contents of the file at `path` (named in every error).
  public static func parse(_ text: String, path: String) throws(ClientConfigError) -> FlyteClientConfig {
    guard text.utf8.count <= maximumBytes else {
      throw ClientConfigError(path: path, key: nil, problem: "larger than \(maximumBytes) bytes; not a flytekit config")
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      throw ClientConfigError(path: path, key: nil, problem: "not valid YAML: \(error)")
    }
    var config = FlyteClientConfig()
    guard let root else { return config }
    guard let top = root.mapping else {
      throw ClientConfigError(path: path, key: nil, problem: "expected a mapping with an 'admin:' section")
    }
    guard let adminNode = top["admin"] else { return config }
    if case .scalar(let scalar) = adminNode, scalar.string.isEmpty || scalar.string == "~" { return config }
    guard let admin = adminNode.mapping else {
      throw ClientConfigError(path: path, key: "admin", problem: "expected a mapping (endpoint, insecure, …)")
    }
    func value(_ key: String) throws(ClientConfigError) -> String? {
      guard let node = admin[key] else { return nil }
      guard case .scalar(let scalar) = node else {
        throw ClientConfigError(path: path, key: "admin.\(key)", problem: "expected a single value")
      }
      return scalar.string.isEmpty ? nil : scalar.string
    }
    if let endpoint = try value("endpoint") {
      guard let address = ServerAddress(parsing: endpoint) else {
        throw ClientConfigError(
          path: path, key: "admin.endpoint",
          problem: "'\(endpoint)' is not an endpoint; write host:port or dns:///host:port")
      }
      config.endpoint = address
    }
    if let insecure = try value("insecure") {
      guard let value = Bool(yaml: insecure) else {
        throw ClientConfigError(path: path, key: "admin.insecure", problem: "'\(insecure)' is not true or false")
      }
      config.insecure = value
    }
    config.caCertFilePath = try value("caCertFilePath")
    if let authType = try value("authType") {
      guard authTypes.contains(authType) else {
        throw ClientConfigError(
          path: path, key: "admin.authType",
          problem: "'\(authType)' is not one of \(authTypes.sorted().joined(separator: ", "))")
      }
      config.authType = authType
    }
    config.clientID = try value("clientId")
    config.clientSecretLocation = try value("clientSecretLocation")
    if config.authType == "ClientSecret", config.clientID == nil {
      throw ClientConfigError(path: path, key: "admin.clientId", problem: "authType ClientSecret needs a client id")
    }
    return config
  }
}

extension Bool {
  /// YAML 1.1's and 1.2's spellings of a boolean, as flytekit's loader accepts them.
  init?(yaml text: String) {
    switch text.lowercased() {
    case "true", "yes", "on": self = true
    case "false", "no", "off": self = false
    default: return nil
    }
  }
}
