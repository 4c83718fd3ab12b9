import PostgresNIO

/// A multi-row `INSERT … ON CONFLICT (key) DO UPDATE` that replaces every other column: the
/// PostgreSQL spelling of SQLite's `INSERT OR REPLACE`, one round trip per chunk of rows.
///
/// One statement may not touch a row twice, so when several rows share a key only the last
/// is sent (the outcome of replacing them one after another).
struct PostgresUpsert {
  let table: String
  /// Every column, in the order `bind` appends values.
  let columns: [String]
  /// The primary key's columns (a subset of `columns`).
  let key: [String]
  /// Rows per statement (PostgreSQL takes at most 65,535 parameters).
  var chunk = 500

  /// The statements storing `rows`; `identity` is a row's key, `bind` appends its values.
  func queries<Row>(
    _ rows: [Row], identity: (Row) -> [String], bind: (Row, inout PostgresBindings) throws -> Void
  ) rethrows -> [PostgresQuery] {
    var seen = Set<[String]>()
    let unique = rows.reversed().filter { seen.insert(identity($0)).inserted }.reversed()
    var queries: [PostgresQuery] = []
    var pending = Array(unique)[...]
    while !pending.isEmpty {
      let part = pending.prefix(chunk)
      pending = pending.dropFirst(part.count)
      var bindings = PostgresBindings()
      var tuples: [String] = []
      for row in part {
        let first = bindings.count + 1
        try bind(row, &bindings)
        tuples.append("(" + (first..<bindings.count + 1).map { "$\($0)" }.joined(separator: ", ") + ")")
      }
      queries.append(PostgresQuery(unsafeSQL: sql(tuples), binds: bindings))
    }
    return queries
  }

  private func sql(_ tuples: [String]) -> String {
    let updates = columns.filter { !key.contains($0) }.map { "\($0) = EXCLUDED.\($0)" }
    return """
      INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))
      ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))
      """
  }
}
