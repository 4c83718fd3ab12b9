/// A database the admin store runs its SQL on: the seam between the store's logic, written
/// once, and a driver. Implementations: `SQLiteAdminDatabase`, `PostgresAdminDatabase`.
///
/// Drivers turn every failure into an `AdminError` with `operation` as its location; errors a
/// transaction's own steps throw pass through unchanged.
protocol SQLDatabase: Sendable {
  /// How statements are spelled for this database.
  var dialect: SQLDialect { get }
  /// The database, for messages: a file path, or `PostgreSQL at host:port/database`.
  var place: String { get }
  /// Runs `work` in one transaction: all of it commits, or none of it.
  func transaction<Result: Sendable>(
    _ work: SQLTransaction<Result>, operation: String
  ) async throws(AdminError) -> Result
  /// Runs one statement that only reads; it sees the last committed state.
  func read(_ statement: SQLStatement, operation: String) async throws(AdminError) -> [SQLRow]
}
