public import VaneStore

extension StoreError {
  /// The engine store's failure as an admin error: not found, already exists and invalid
  /// argument keep their meaning and message; anything else is an internal error.
  public var admin: AdminError {
    switch code {
    case .notFound: AdminError(.notFound, message, at: operation, cause: self)
    case .alreadyExists: AdminError(.alreadyExists, message, at: operation, cause: self)
    case .invalidArgument: AdminError(.invalidArgument, message, at: operation, cause: self)
    default: AdminError(.internalError, description, at: "admin store", cause: self)
    }
  }
}
