/// Why the settings cannot be used: a usage error in a flag (exit 2) or a bad config (exit 78).
public enum ClientSettingsError: Error, Equatable, Sendable, CustomStringConvertible {
  case badFlag(String)
  case badConfig(ClientConfigError)

  public var description: String {
    switch self {
    case .badFlag(let message): message
    case .badConfig(let error): error.description
    }
  }
}
