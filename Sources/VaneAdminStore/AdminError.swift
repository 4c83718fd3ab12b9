public import VaneModel

/// An error of the admin side: a stable code (which the server maps onto a gRPC status), a
/// message a user can act on, where it happened (the entity, request field or store
/// operation), and the lower layer's error it wraps, if any.
public struct AdminError: VaneError {
  /// The stable kind of failure; the server reports each with one gRPC status code.
  public enum Code: String, Sendable, Hashable {
    /// The request is malformed: a missing field, a bad filter, an invalid spec.
    case invalidArgument
    /// The entity or execution named does not exist.
    case notFound
    /// Something exists already under the id.
    case alreadyExists
    /// The request is valid but the state does not allow it (e.g. terminating a finished execution).
    case failedPrecondition
    /// The caller lacks the role for this project or data.
    case permissionDenied
    /// The request asks for more than the server's limits allow.
    case resourceExhausted
    /// The server does not offer this.
    case unimplemented
    /// The store or engine failed.
    case internalError
  }

  /// The stable kind of failure.
  public var code: Code
  /// What went wrong and what to do about it.
  public var message: String
  /// Where it happened: an entity id, a request field or a store operation.
  public var location: String?
  /// The store's, engine's or database's error this one reports.
  public var cause: (any Error)?

  /// Creates an error; an empty `location` is none.
  public init(_ code: Code, _ message: String, at location: String?, cause: (any Error)? = nil) {
    self.code = code
    self.message = message
    self.location = location.flatMap { $0.isEmpty ? nil : $0 }
    self.cause = cause
  }
}
