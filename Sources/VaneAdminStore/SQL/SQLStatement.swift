/// One SQL statement with its values, written once for every dialect: values are `?`
/// placeholders, bound in order (`SQLDialect.render` turns them into the database's own
/// spelling), and `columns` say what each returned row holds.
struct SQLStatement: Sendable {
  var sql: String
  var values: [SQLValue]
  /// The result columns, in order; empty for a statement that returns no rows.
  var columns: [SQLColumn]

  init(_ sql: String, _ values: [SQLValue] = [], returning columns: [SQLColumn] = []) {
    self.sql = sql
    self.values = values
    self.columns = columns
  }

  /// `RETURNING 1`'s column: a statement that reports whether it touched a row.
  static let touched = [SQLColumn.integer("touched")]
}
