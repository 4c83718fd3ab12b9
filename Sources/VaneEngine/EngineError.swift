public import VaneModel

/// An error of the engine layer: a stable code, a message a user can act on, and where.
public struct EngineError: VaneError, Hashable {
  public enum Code: String, Sendable, Hashable {
    /// The engine was configured wrongly (e.g. two plugins claim one task type).
    case configuration
    /// An execution cannot be created or run as given (e.g. its name is taken).
    case invalidExecution
    /// The resource store failed.
    case storage
    /// The data store failed.
    case data
    /// The engine found its own state inconsistent.
    case internalInconsistency
  }

  public let code: Code
  public let message: String
  /// The execution and node it concerns, when known: `execution/node`.
  public let location: String?
  public let cause: (any Error)?

  public init(_ code: Code, _ message: String, at location: String? = nil, cause: (any Error)? = nil) {
    self.code = code
    self.message = message
    self.location = location
    self.cause = cause
  }

  public static func == (lhs: EngineError, rhs: EngineError) -> Bool {
    lhs.code == rhs.code && lhs.message == rhs.message && lhs.location == rhs.location
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(code)
    hasher.combine(message)
    hasher.combine(location)
  }

  /// `<location>: <message>`, or the message alone.
  public var description: String { location.map { "\($0): \(message)" } ?? message }
}
