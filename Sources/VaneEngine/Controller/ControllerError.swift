public import VaneModel

/// An error raised by the controller's plumbing (not by the logic of a round).
public struct ControllerError: VaneError {
  /// What kind of error this is.
  public enum Code: String, Hashable, Sendable {
    /// A round ran longer than the pool's round deadline and was cancelled.
    case roundDeadlineExceeded
  }

  /// What kind of error this is.
  public var code: Code
  /// What went wrong and what to do about it.
  public var message: String
  /// The key of the round, when the error concerns one.
  public var key: String?

  /// Creates an error.
  public init(code: Code, message: String, key: String? = nil) {
    self.code = code
    self.message = message
    self.key = key
  }

  /// The key of the round.
  public var location: String? { key }

  /// `<key>: <message>`, or the message alone.
  public var description: String { key.map { "\($0): \(message)" } ?? message }
}
