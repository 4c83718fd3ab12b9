import Foundation
import PostgresNIO

extension PostgresAdminStore {
  /// Runs `body` once the schema is in place, turning every failure into an `AdminError`:
  /// the store's own errors pass through (also from inside a rolled-back transaction), the
  /// server's errors keep its message, and anything else says where PostgreSQL was.
  func perform<T: Sendable>(_ operation: String, _ body: @Sendable () async throws -> T) async throws(AdminError) -> T {
    try await prepare()
    do {
      return try await body()
    } catch {
      throw adminError(error, operation: operation)
    }
  }

  func adminError(_ error: any Error, operation: String) -> AdminError {
    if let admin = error as? AdminError { return admin }
    if let transaction = error as? PostgresTransactionError {
      if let inner = transaction.closureError ?? transaction.beginError ?? transaction.commitError {
        return adminError(inner, operation: operation)
      }
    }
    if let server = error as? PSQLError, let message = server.serverInfo?[.message] {
      let state = server.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
      return AdminError(.internalError, "PostgreSQL: \(message)\(state)", at: operation)
    }
    if let server = error as? PSQLError {
      return AdminError(
        .internalError, "PostgreSQL at \(endpoint) failed (\(server.code)); is the server up and the database there?",
        at: operation)
    }
    return AdminError(.internalError, "PostgreSQL at \(endpoint): \(error)", at: operation)
  }
}

/// Microsecond columns as dates and back.
extension Int64 {
  init(microsecondsOf date: Date) { self = microseconds(date) }
}
