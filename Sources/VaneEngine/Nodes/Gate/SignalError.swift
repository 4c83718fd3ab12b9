public import VaneModel

/// A signal could not be read, recorded or set: a stable code, a message a user can act on,
/// and the signal's key (`project/domain/execution/signal`).
public struct SignalError: VaneError, Hashable {
  public enum Code: String, Sendable, Hashable {
    /// No gate of the execution asked for the signal.
    case unknownSignal
    /// The signal has a value already.
    case alreadySet
    /// The value does not have the declared type.
    case typeMismatch
    /// The stored record cannot be decoded.
    case corrupt
    /// The store failed.
    case storage
  }

  public let code: Code
  public let message: String
  /// The signal's key, `project/domain/execution/signal`.
  public let location: String?

  public init(_ code: Code, _ message: String, at location: String) {
    self.code = code
    self.message = message
    self.location = location
  }

  /// `<key>: <message>`.
  public var description: String { "\(location ?? ""): \(message)" }
}
