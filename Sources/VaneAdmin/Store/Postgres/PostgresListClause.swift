import Foundation
import PostgresNIO

/// The WHERE / ORDER BY part of a PostgreSQL listing, built only from known column names,
/// with every value bound as a `$n` parameter. Text columns sort with `COLLATE "C"` so the
/// order is the same as SQLite's (byte order) whatever the database's locale.
struct PostgresListClause {
  private(set) var conditions: [String] = []
  private(set) var bindings = PostgresBindings()
  /// Columns a filter or sort may name, by field.
  let columns: [ListField: String]

  init(columns: [ListField: String]) {
    self.columns = columns
  }

  /// The next placeholder, `$n`.
  private var nextMark: String { "$\(bindings.count + 1)" }

  mutating func require(_ column: String, equals value: Int64) {
    conditions.append("\(column) = \(nextMark)")
    bindings.append(value)
  }

  mutating func require(_ column: String, equals value: String) {
    conditions.append("\(column) = \(nextMark)")
    bindings.append(value)
  }

  mutating func add(_ filters: [ListFilter], operation: String) throws(AdminError) {
    for filter in filters {
      guard let column = columns[filter.field] else {
        throw AdminError(.invalidArgument, "cannot filter on '\(filter.field.rawValue)' here", at: operation)
      }
      guard !filter.values.isEmpty else {
        throw AdminError(.invalidArgument, "filter on '\(filter.field.rawValue)' has no value", at: operation)
      }
      let comparison: String
      switch filter.op {
      case .equal: comparison = "="
      case .notEqual: comparison = "<>"
      case .greaterThan: comparison = ">"
      case .greaterThanOrEqual: comparison = ">="
      case .lessThan: comparison = "<"
      case .lessThanOrEqual: comparison = "<="
      case .contains:
        conditions.append("strpos(\(column), \(nextMark)) > 0")
        bind(filter.values[0])
        continue
      case .valueIn, .valueNotIn:
        var marks: [String] = []
        for value in filter.values {
          marks.append(nextMark)
          bind(value)
        }
        let word = filter.op == .valueIn ? "IN" : "NOT IN"
        conditions.append("\(column) \(word) (\(marks.joined(separator: ", ")))")
        continue
      }
      conditions.append("\(column) \(comparison) \(nextMark)")
      bind(filter.values[0])
    }
  }

  private mutating func bind(_ value: FilterValue) {
    switch value {
    case .text(let text): bindings.append(text)
    case .integer(let number): bindings.append(number)
    case .time(let date): bindings.append(microseconds(date))
    }
  }

  var whereSQL: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

  /// `ORDER BY` the sort field, then the tie-breaking columns, all in the sort's direction.
  func orderSQL(
    _ sort: ListSort, tieBreak: [String], textColumns: Set<String>, operation: String
  )
    throws(AdminError) -> String
  {
    guard let column = columns[sort.field] else {
      throw AdminError(.invalidArgument, "cannot sort by '\(sort.field.rawValue)' here", at: operation)
    }
    let direction = sort.ascending ? "ASC" : "DESC"
    let ordered = [column] + tieBreak.filter { $0 != column }
    return "ORDER BY "
      + ordered.map { textColumns.contains($0) ? "\($0) COLLATE \"C\" \(direction)" : "\($0) \(direction)" }
      .joined(separator: ", ")
  }

  /// The query with `LIMIT` and `OFFSET` bound after the filter values.
  func pageQuery(_ sql: String, _ query: ListQuery) -> PostgresQuery {
    var bindings = self.bindings
    let limitMark = bindings.count + 1
    bindings.append(Int64(query.limit))
    bindings.append(Int64(query.offset))
    return PostgresQuery(unsafeSQL: "\(sql) LIMIT $\(limitMark) OFFSET $\(limitMark + 1)", binds: bindings)
  }
}
