/// A signal could not be read, recorded or set: a stable code, a message a user can act on,
/// and the signal's key (`project/domain/execution/signal`).
public struct SignalError: Error, Hashable, Sendable, CustomStringConvertible {
  public enum Code: String, Sendable, Hashable {
    /// No gate of the execution asked for the signal.
    case unknownSignal = "signal.unknown"
    /// The signal has a value already.
    case alreadySet = "signal.already_set"
    /// The value does not have the declared type.
    case typeMismatch = "signal.type_mismatch"
    /// The stored record cannot be decoded.
    case corrupt = "signal.corrupt"
    /// The store failed.
    case storage = "signal.storage"
  }

  public let code: Code
  public let message: String
  public let location: String

  public init(_ code: Code, _ message: String, at location: String) {
    self.code = code
    self.message = message
    self.location = location
  }

  public var description: String { "\(location): \(message)" }
}
