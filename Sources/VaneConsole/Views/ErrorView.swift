public import FlyteIDL

/// An execution's or node's error as the console shows it: who is to blame, the code, the
/// message.
public struct ErrorView: Sendable {
  public var kind: String
  public var code: String
  public var message: String

  public init(_ error: Flyteidl_Core_ExecutionError) {
    kind =
      switch error.kind {
      case .user: "User error"
      case .system: "System error"
      default: "Error"
      }
    code = error.code
    message = error.message
  }
}
