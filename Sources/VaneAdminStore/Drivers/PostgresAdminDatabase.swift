import Foundation
import Logging
import PostgresNIO

/// The admin tables' PostgreSQL driver: postgres-nio's connection pool. A transaction runs on
/// one pooled connection between `BEGIN` and `COMMIT`; a read takes any connection.
///
/// The pool only connects once its `run()` is under way (the store lists it in `services`);
/// calls made before wait for it.
struct PostgresAdminDatabase: SQLDatabase {
  let client: PostgresClient
  let logger: Logger
  /// `host:port/database`, for messages (never the password).
  let endpoint: String

  init(settings: PostgresSettings, logger: Logger) {
    // The pool warns when a call waits for `run()`, which start-up does on purpose.
    var background = logger
    background.logLevel = .error
    self.client = PostgresClient(configuration: settings.clientConfiguration, backgroundLogger: background)
    self.logger = logger
    self.endpoint = settings.endpoint
  }

  var dialect: SQLDialect { .postgres }
  var place: String { "PostgreSQL at \(endpoint)" }

  func transaction<Result: Sendable>(
    _ work: SQLTransaction<Result>, operation: String
  ) async throws(AdminError) -> Result {
    let logger = self.logger
    do {
      return try await client.withTransaction(logger: logger) { connection -> Result in
        try await work.run { statement in
          try await Self.rows(connection.query(Self.query(statement), logger: logger), statement.columns)
        }
      }
    } catch {
      throw adminError(error, operation: operation)
    }
  }

  func read(_ statement: SQLStatement, operation: String) async throws(AdminError) -> [SQLRow] {
    do {
      return try await Self.rows(client.query(Self.query(statement), logger: logger), statement.columns)
    } catch {
      throw adminError(error, operation: operation)
    }
  }

  static func query(_ statement: SQLStatement) throws -> PostgresQuery {
    var bindings = PostgresBindings(capacity: statement.values.count)
    for value in statement.values {
      switch value {
      case .null: bindings.appendNull()
      case .integer(let number): bindings.append(number)
      case .text(let text): bindings.append(text)
      case .blob(let bytes): try bindings.append(bytes)
      }
    }
    return PostgresQuery(unsafeSQL: SQLDialect.postgres.render(statement.sql), binds: bindings)
  }

  /// Every row, each value decoded as its declared column type.
  static func rows(_ sequence: PostgresRowSequence, _ columns: [SQLColumn]) async throws -> [SQLRow] {
    var rows: [SQLRow] = []
    for try await row in sequence {
      let cells = row.makeRandomAccess()
      var values: [SQLValue] = []
      values.reserveCapacity(columns.count)
      for (index, column) in columns.enumerated() {
        let cell = cells[index]
        switch column.type {
        case .integer: values.append(try cell.decode(Int64?.self).map(SQLValue.integer) ?? .null)
        case .text: values.append(try cell.decode(String?.self).map(SQLValue.text) ?? .null)
        case .blob: values.append(try cell.decode(Data?.self).map(SQLValue.blob) ?? .null)
        }
      }
      rows.append(SQLRow(columns: columns, values: values))
    }
    return rows
  }

  /// Every failure as an `AdminError`: a transaction step's own errors pass through, the
  /// server's errors keep its message, and anything else says where PostgreSQL was.
  func adminError(_ error: any Error, operation: String) -> AdminError {
    if let admin = error as? AdminError { return admin }
    if let transaction = error as? PostgresTransactionError {
      if let inner = transaction.closureError ?? transaction.beginError ?? transaction.commitError {
        return adminError(inner, operation: operation)
      }
    }
    if let server = error as? PSQLError, let message = server.serverInfo?[.message] {
      let state = server.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
      return AdminError(.internalError, "PostgreSQL: \(message)\(state)", at: operation, cause: server)
    }
    if let server = error as? PSQLError {
      return AdminError(
        .internalError, "PostgreSQL at \(endpoint) failed (\(server.code)); is the server up and the database there?",
        at: operation, cause: server)
    }
    return AdminError(.internalError, "PostgreSQL at \(endpoint): \(error)", at: operation, cause: error)
  }
}
