public import VaneAdminStore
public import VaneModel

/// What went wrong serving a console page or action, with the HTTP status it answers with.
/// Admin errors keep their meaning (`notFound` stays 404, `invalidArgument` 400).
public struct ConsoleError: VaneError {
  /// The stable kinds of failure.
  public enum Code: String, Sendable, Hashable {
    /// The request is malformed: a bad parameter, form field or path.
    case badRequest
    /// No such execution, node, entity or file.
    case notFound
    /// No session, or the session expired.
    case unauthenticated
    /// The viewer lacks the role for this project or action.
    case forbidden
    /// The action does not fit the current state (abort an execution that ended).
    case conflict
    /// Graphviz is missing, too slow, or answered something unreadable.
    case layoutFailed
    /// Too many live connections or too large a request.
    case tooMany
    /// Anything else: a store or engine failure.
    case internalError
  }

  public var code: Code
  public var message: String
  public var location: String?
  public var cause: (any Error)?

  public init(_ code: Code, _ message: String, at location: String? = nil, cause: (any Error)? = nil) {
    self.code = code
    self.message = message
    self.location = location
    self.cause = cause
  }

  /// The console's reading of an admin error.
  public init(_ error: AdminError) {
    let code: Code =
      switch error.code {
      case .invalidArgument: .badRequest
      case .notFound: .notFound
      case .failedPrecondition, .alreadyExists: .conflict
      default: .internalError
      }
    self.init(code, error.message, at: error.location, cause: error)
  }

  /// Any error a console read can throw: an admin error read as above, a console error as it
  /// is, anything else an internal error.
  public init(reading error: any Error) {
    switch error {
    case let error as AdminError: self.init(error)
    case let error as ConsoleError: self = error
    default: self.init(.internalError, "\(error)")
    }
  }

  /// The HTTP status code the error answers with.
  public var status: Int {
    switch code {
    case .badRequest: 400
    case .notFound: 404
    case .unauthenticated: 401
    case .forbidden: 403
    case .conflict: 409
    case .layoutFailed: 503
    case .tooMany: 429
    case .internalError: 500
    }
  }
}
