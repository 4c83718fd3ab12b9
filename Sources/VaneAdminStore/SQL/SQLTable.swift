/// An admin table, defined once: its columns, primary key and indexes. Every dialect's
/// `CREATE TABLE`, every `SELECT` column list, insert and upsert is derived from it, so a
/// column is named in one place.
struct SQLTable: Sendable {
  let name: String
  let columns: [SQLColumn]
  let primaryKey: [String]
  /// Secondary indexes: name and columns.
  let indexes: [(name: String, columns: [String])]

  init(_ name: String, _ columns: [SQLColumn], primaryKey: [String], indexes: [(String, [String])] = []) {
    self.name = name
    self.columns = columns
    self.primaryKey = primaryKey
    self.indexes = indexes.map { (name: $0.0, columns: $0.1) }
  }

  /// `CREATE TABLE` and `CREATE INDEX` statements in `dialect`.
  func create(in dialect: SQLDialect) -> [SQLStatement] {
    let definitions = columns.map { Self.definition($0, in: dialect) }
    let table = SQLStatement(
      "CREATE TABLE \(name) (\((definitions + ["PRIMARY KEY (\(primaryKey.joined(separator: ", ")))"]).joined(separator: ", ")))"
    )
    return [table]
      + indexes.map { index in
        SQLStatement("CREATE INDEX \(index.name) ON \(name) (\(index.columns.joined(separator: ", ")))")
      }
  }

  /// `ALTER TABLE … ADD COLUMN` for the column `name` (which must have a default, so the
  /// rows already there get it), for a migration step that widens a table created earlier.
  func addColumn(_ name: String, in dialect: SQLDialect) -> SQLStatement {
    let column = columns.first { $0.name == name } ?? .integer(name, default: 0)
    return SQLStatement("ALTER TABLE \(self.name) ADD COLUMN \(Self.definition(column, in: dialect))")
  }

  private static func definition(_ column: SQLColumn, in dialect: SQLDialect) -> String {
    let fallback = column.defaultLiteral.map { " DEFAULT \($0)" } ?? ""
    return "\(column.name) \(dialect.typeName(column.type)) NOT NULL\(fallback)"
  }

  /// `SELECT` every column `FROM` the table, then `tail` (a WHERE / ORDER BY / LIMIT clause
  /// with `?` placeholders for `values`).
  func select(_ tail: String, _ values: [SQLValue]) -> SQLStatement {
    SQLStatement(
      "SELECT \(columns.map(\.name).joined(separator: ", ")) FROM \(name) \(tail)", values, returning: columns)
  }

  /// `column1 = ? AND column2 = ? …` over `names`, for a WHERE clause.
  static func equal(_ names: [String]) -> String {
    names.map { "\($0) = ?" }.joined(separator: " AND ")
  }

  /// Inserts one row (`values` in column order) unless its key is taken; the statement
  /// returns a row exactly when it inserted.
  func insertUnlessPresent(_ values: [SQLValue]) -> SQLStatement {
    SQLStatement(
      "INSERT INTO \(name) (\(columnList)) VALUES \(tuple) ON CONFLICT DO NOTHING RETURNING 1 AS touched", values,
      returning: SQLStatement.touched)
  }

  /// Inserts or replaces `rows` (values in column order), `rowsPerStatement` at a time. One
  /// statement may not touch a key twice, so of rows sharing a key only the last is kept —
  /// the outcome of storing them one after another.
  func upsert(_ rows: [[SQLValue]], rowsPerStatement: Int) -> [SQLStatement] {
    let keyPositions = primaryKey.compactMap { key in columns.firstIndex { $0.name == key } }
    var seen = Set<[SQLValue]>()
    let unique = rows.reversed().filter { row in seen.insert(keyPositions.map { row[$0] }).inserted }.reversed()
    let updates = columns.map(\.name).filter { !primaryKey.contains($0) }.map { "\($0) = excluded.\($0)" }
    let conflict =
      "ON CONFLICT (\(primaryKey.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))"
    var statements: [SQLStatement] = []
    var pending = Array(unique)[...]
    while !pending.isEmpty {
      let part = pending.prefix(max(1, rowsPerStatement))
      pending = pending.dropFirst(part.count)
      let tuples = Array(repeating: tuple, count: part.count).joined(separator: ", ")
      statements.append(
        SQLStatement("INSERT INTO \(name) (\(columnList)) VALUES \(tuples) \(conflict)", part.flatMap { $0 }))
    }
    return statements
  }

  private var columnList: String { columns.map(\.name).joined(separator: ", ") }
  private var tuple: String { "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")" }
}
