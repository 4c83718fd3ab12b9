/// An error raised by the controller's plumbing (not by the logic of a round).
public struct ControllerError: Error, Sendable, CustomStringConvertible {
  /// A stable identifier of the kind of error.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    /// The identifier, for example `controller.round_deadline_exceeded`.
    public let rawValue: String

    /// A round ran longer than the pool's round deadline and was cancelled.
    public static let roundDeadlineExceeded = Code(rawValue: "controller.round_deadline_exceeded")

    public var description: String { rawValue }
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

  public var description: String {
    if let key { return "\(code) [\(key)]: \(message)" }
    return "\(code): \(message)"
  }
}
