import Foundation
import VaneStore

/// The admin tables' SQLite driver: the engine's `SQLiteDatabase`, so admin writes and engine
/// writes share one writer lock and one WAL. Transactions run synchronously on the writer
/// connection (`BEGIN IMMEDIATE`); reads use the reader connection and never wait for a write.
struct SQLiteAdminDatabase: SQLDatabase {
  let database: SQLiteDatabase

  var dialect: SQLDialect { .sqlite }
  var place: String { database.path }

  func transaction<Result: Sendable>(
    _ work: SQLTransaction<Result>, operation: String
  ) async throws(AdminError) -> Result {
    try transactionNow(work, operation: operation)
  }

  /// `transaction` without suspending: for opening a store in a synchronous initialiser.
  func transactionNow<Result: Sendable>(
    _ work: SQLTransaction<Result>, operation: String
  ) throws(AdminError) -> Result {
    // A step's own `AdminError` leaves the write closure (typed to throw `StoreError`) as
    // this marker, so the transaction rolls back and the error reaches the caller unchanged.
    var decided: AdminError?
    do throws(StoreError) {
      return try database.write { connection throws(StoreError) -> Result in
        do {
          return try work.run { statement in try Self.run(statement, on: connection) }
        } catch let error as StoreError {
          throw error
        } catch {
          decided = error as? AdminError
          throw StoreError(.invalidArgument, "\(error)", operation: operation)
        }
      }
    } catch {
      throw decided ?? error.admin
    }
  }

  func read(_ statement: SQLStatement, operation: String) async throws(AdminError) -> [SQLRow] {
    do {
      return try database.read { connection throws(StoreError) in try Self.run(statement, on: connection) }
    } catch {
      throw error.admin
    }
  }

  /// Binds, steps and reads back every row in the statement's declared column types.
  static func run(_ statement: SQLStatement, on connection: SQLiteConnection) throws(StoreError) -> [SQLRow] {
    try connection.withStatement(statement.sql) { prepared throws(StoreError) -> [SQLRow] in
      for (offset, value) in statement.values.enumerated() {
        let index = Int32(offset + 1)
        switch value {
        case .null: try prepared.bindNull(at: index)
        case .integer(let number): try prepared.bind(number, at: index)
        case .text(let text): try prepared.bind(text, at: index)
        case .blob(let bytes): try prepared.bind(bytes, at: index)
        }
      }
      var rows: [SQLRow] = []
      while try prepared.step() {
        let values = statement.columns.enumerated().map { (offset, column) -> SQLValue in
          let index = Int32(offset)
          guard !prepared.isNull(index) else { return .null }
          switch column.type {
          case .integer: return .integer(prepared.int64(index))
          case .text: return .text(prepared.text(index))
          case .blob: return .blob(prepared.data(index))
          }
        }
        rows.append(SQLRow(columns: statement.columns, values: values))
      }
      return rows
    }
  }
}
