/// An error of the engine layer: a stable code, a message a user can act on, and where.
public struct EngineError: Error, Hashable, Sendable, CustomStringConvertible {
  public enum Code: String, Sendable, Hashable {
    case configuration = "engine.configuration"
    case invalidExecution = "engine.invalid_execution"
    case storage = "engine.storage"
    case data = "engine.data"
    case internalInconsistency = "engine.internal"
  }

  public let code: Code
  public let message: String
  /// The execution and node it concerns, when known: `execution/node`.
  public let location: String?

  public init(_ code: Code, _ message: String, at location: String? = nil) {
    self.code = code
    self.message = message
    self.location = location
  }

  public var description: String {
    location.map { "\($0): \(message)" } ?? message
  }
}
