import PostgresNIO
public import VaneStore

extension StoreError.Code {
  /// PostgreSQL itself reported an error, or could not be reached; the message says which.
  public static let postgres = StoreError.Code(rawValue: "postgres")
}

/// Turns whatever a PostgreSQL call threw into a `StoreError`.
enum PostgresFailure {
  /// A store's own errors pass through (also from inside a transaction); a unique violation is
  /// `alreadyExists`; anything else from the server keeps its message and SQLSTATE, and a
  /// failure to reach it says so.
  static func storeError(_ error: any Error, operation: String) -> StoreError {
    if let store = error as? StoreError { return store }
    if let transaction = error as? PostgresTransactionError {
      if let inner = transaction.closureError ?? transaction.beginError ?? transaction.commitError {
        return storeError(inner, operation: operation)
      }
      if let rollback = transaction.rollbackError { return storeError(rollback, operation: operation) }
    }
    if let server = error as? PSQLError, let message = server.serverInfo?[.message] {
      let state = server.serverInfo?[.sqlState] ?? "?"
      if state == "23505" {
        return StoreError(.alreadyExists, "PostgreSQL: \(message)", operation: operation)
      }
      return StoreError(.postgres, "PostgreSQL: \(message) (SQLSTATE \(state))", operation: operation)
    }
    if let client = error as? PSQLError {
      return StoreError(
        .postgres, "PostgreSQL failed (\(client.code)); is the server up and the database there?",
        operation: operation)
    }
    if error is CancellationError {
      return StoreError(.closed, "cancelled before PostgreSQL answered", operation: operation)
    }
    return StoreError(.postgres, "PostgreSQL: \(error)", operation: operation)
  }
}
