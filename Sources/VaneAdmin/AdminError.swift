public import GRPCCore

/// An error of the admin side: a stable code that maps onto a gRPC status, a message a user
/// can act on, and where it happened (the entity, request field or store operation).
public struct AdminError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The stable kind of failure; each maps onto one gRPC status code.
  public enum Code: String, Sendable, Hashable {
    /// The request is malformed: a missing field, a bad filter, an invalid spec.
    case invalidArgument
    /// The entity or execution named does not exist.
    case notFound
    /// Something exists already under the id.
    case alreadyExists
    /// The request is valid but the state does not allow it (e.g. terminating a finished execution).
    case failedPrecondition
    /// The server does not offer this.
    case unimplemented
    /// The store or engine failed.
    case internalError

    /// The gRPC status code this code is reported with.
    public var rpcCode: RPCError.Code {
      switch self {
      case .invalidArgument: .invalidArgument
      case .notFound: .notFound
      case .alreadyExists: .alreadyExists
      case .failedPrecondition: .failedPrecondition
      case .unimplemented: .unimplemented
      case .internalError: .internalError
      }
    }
  }

  /// The stable kind of failure.
  public var code: Code
  /// What went wrong and what to do about it.
  public var message: String
  /// Where it happened: an entity id, a request field or a store operation.
  public var at: String

  /// Creates an error.
  public init(_ code: Code, _ message: String, at: String) {
    self.code = code
    self.message = message
    self.at = at
  }

  /// `<at>: <message>`, as sent to clients in the gRPC status message.
  public var description: String { at.isEmpty ? message : "\(at): \(message)" }

  /// The error as a gRPC status.
  public var rpcError: RPCError { RPCError(code: code.rpcCode, message: description) }
}
