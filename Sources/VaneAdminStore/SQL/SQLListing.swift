/// A listing over rows of an admin table: the conditions they must meet (fixed ones like
/// "this execution" and the caller's filters), their order and the page. Columns come only
/// from the listing's field map and values are always bound, so a filter cannot inject SQL.
struct SQLListing {
  /// The columns of the rows listed (their types decide how they sort).
  let columns: [SQLColumn]
  let dialect: SQLDialect
  /// The table columns a filter or sort may name, by field.
  let fields: [ListField: String]
  /// Columns that break ties after the sort column, so pages are stable.
  let tieBreak: [String]
  /// The store operation, for error locations.
  let operation: String
  private(set) var conditions: [String] = []
  private(set) var values: [SQLValue] = []

  init(
    _ columns: [SQLColumn], _ dialect: SQLDialect, fields: [ListField: String], tieBreak: [String],
    operation: String
  ) {
    self.columns = columns
    self.dialect = dialect
    self.fields = fields
    self.tieBreak = tieBreak
    self.operation = operation
  }

  /// Adds a condition every row must meet: `column = value` for each pair.
  mutating func require(_ columns: [String], _ bound: [SQLValue]) {
    conditions.append(SQLTable.equal(columns))
    values += bound
  }

  /// Adds the caller's filters; `invalidArgument` for a field this listing does not have.
  mutating func add(_ filters: [ListFilter]) throws(AdminError) {
    for filter in filters {
      guard let column = fields[filter.field] else {
        throw AdminError(.invalidArgument, "cannot filter on '\(filter.field.rawValue)' here", at: operation)
      }
      let bound = filter.values.map(Self.value)
      guard let first = bound.first else {
        throw AdminError(.invalidArgument, "filter on '\(filter.field.rawValue)' has no value", at: operation)
      }
      switch filter.op {
      case .equal: append("\(column) = ?", [first])
      case .notEqual: append("\(column) <> ?", [first])
      case .greaterThan: append("\(column) > ?", [first])
      case .greaterThanOrEqual: append("\(column) >= ?", [first])
      case .lessThan: append("\(column) < ?", [first])
      case .lessThanOrEqual: append("\(column) <= ?", [first])
      case .contains: append(dialect.contains(column), [first])
      case .valueIn, .valueNotIn:
        let marks = Array(repeating: "?", count: bound.count).joined(separator: ", ")
        append("\(column) \(filter.op == .valueIn ? "IN" : "NOT IN") (\(marks))", bound)
      }
    }
  }

  /// `WHERE …` over every condition, or nothing.
  var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

  /// `ORDER BY` the sort's column, then the tie-breaking columns, all in the sort's direction.
  func orderClause(_ sort: ListSort) throws(AdminError) -> String {
    guard let column = fields[sort.field] else {
      throw AdminError(.invalidArgument, "cannot sort by '\(sort.field.rawValue)' here", at: operation)
    }
    let ordered = [column] + tieBreak.filter { $0 != column }
    return "ORDER BY "
      + ordered.map { name in
        let type = columns.first { $0.name == name }?.type ?? .integer
        return dialect.orderTerm(name, type, ascending: sort.ascending)
      }
      .joined(separator: ", ")
  }

  /// One page of whole rows of `table`, as `query` asks.
  func page(of table: SQLTable, _ query: ListQuery) throws(AdminError) -> SQLStatement {
    table.select("\(whereClause) \(try orderClause(query.sort)) LIMIT ? OFFSET ?", values + Self.limits(query))
  }

  /// The values of `LIMIT ? OFFSET ?`.
  static func limits(_ query: ListQuery) -> [SQLValue] {
    [.integer(Int64(query.limit)), .integer(Int64(query.offset))]
  }

  private mutating func append(_ condition: String, _ bound: [SQLValue]) {
    conditions.append(condition)
    values += bound
  }

  static func value(_ value: FilterValue) -> SQLValue {
    switch value {
    case .text(let text): .text(text)
    case .integer(let number): .integer(number)
    case .time(let date): .integer(microseconds(date))
    }
  }
}
