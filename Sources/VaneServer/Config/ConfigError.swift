public import VaneModel

/// A configuration that cannot be used: which key (or environment variable) and where, what
/// is wrong, and what would be accepted. `vane serve` exits 2 with `description`.
public struct ConfigError: VaneError, Hashable {
  /// The stable kind of failure.
  public enum Code: String, Sendable, Hashable {
    /// The file cannot be read or is not YAML.
    case unreadable
    /// A key the configuration does not have.
    case unknownKey
    /// A value of the wrong shape (a section where a scalar belongs, or the reverse) or type.
    case wrongType
    /// A value of the right type that is out of range or malformed.
    case invalidValue
  }

  public var code: Code
  /// The dotted key (`server.grpc_port`) or environment variable; empty for the whole file.
  public var key: String
  /// `file:line`, the file, or the `VANE_…` variable; nil when nowhere in particular.
  public var location: String?
  public var message: String

  /// Creates an error; an empty `location` is none.
  public init(_ code: Code, key: String, location: String?, _ message: String) {
    self.code = code
    self.key = key
    self.location = location.flatMap { $0.isEmpty ? nil : $0 }
    self.message = message
  }

  /// `<location>: <key>: <message>`, leaving out what is empty.
  public var description: String {
    let place = location.map { "\($0): " } ?? ""
    return key.isEmpty ? "\(place)\(message)" : "\(place)\(key): \(message)"
  }
}
