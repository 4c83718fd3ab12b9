/// Work that runs in one transaction, written once for every database: run a statement, look
/// at the rows it returned, decide what runs next — until there is a result.
///
/// SQLite runs it synchronously under its one writer lock; PostgreSQL statement by statement
/// on one pooled connection. Either way it commits when it reaches `done` and rolls back when
/// a step throws, so a decision taken halfway ("no such launch plan") undoes what ran before.
enum SQLTransaction<Result: Sendable>: Sendable {
  /// What comes after a statement, given its rows.
  typealias Next = @Sendable ([SQLRow]) throws(AdminError) -> SQLTransaction<Result>

  /// Finished with a result.
  case done(Result)
  /// Runs a statement, then whatever `next` makes of its rows.
  case run(SQLStatement, Next)

  /// Runs `statements` one after another, ignoring their rows, then `next()`.
  static func sequence(
    _ statements: [SQLStatement], then next: @escaping @Sendable () -> SQLTransaction<Result>
  ) -> SQLTransaction<Result> {
    guard let first = statements.first else { return next() }
    let rest = Array(statements.dropFirst())
    return .run(first) { (_) throws(AdminError) in sequence(rest, then: next) }
  }

  /// Runs every step with `execute` (a driver whose statements block) until done.
  func run(_ execute: (SQLStatement) throws -> [SQLRow]) throws -> Result {
    var step = self
    while case .run(let statement, let next) = step { step = try next(try execute(statement)) }
    return try step.finished()
  }

  /// Runs every step with `execute` (a driver whose statements suspend) until done.
  func run(_ execute: (SQLStatement) async throws -> [SQLRow]) async throws -> Result {
    var step = self
    while case .run(let statement, let next) = step { step = try next(try await execute(statement)) }
    return try step.finished()
  }

  /// The result of a finished transaction (the loops above only stop at `done`).
  private func finished() throws(AdminError) -> Result {
    guard case .done(let result) = self else {
      throw AdminError(.internalError, "a transaction stopped before its end", at: "admin store")
    }
    return result
  }
}
