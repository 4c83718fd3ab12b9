import Foundation
import VaneStore

/// The WHERE / ORDER BY / LIMIT part of a listing, built only from known column names, with
/// every value bound as a parameter.
struct SQLiteListClause {
  enum Value {
    case text(String)
    case integer(Int64)
  }

  private(set) var conditions: [String] = []
  private(set) var values: [Value] = []
  /// Columns a filter or sort may name, by field.
  let columns: [ListField: String]

  init(columns: [ListField: String]) {
    self.columns = columns
  }

  mutating func require(_ sql: String, _ bound: [Value]) {
    conditions.append(sql)
    values += bound
  }

  mutating func add(_ filters: [ListFilter], operation: String) throws(AdminError) {
    for filter in filters {
      guard let column = columns[filter.field] else {
        throw AdminError(.invalidArgument, "cannot filter on '\(filter.field.rawValue)' here", at: operation)
      }
      let bound = filter.values.map(Self.value)
      guard !bound.isEmpty else {
        throw AdminError(.invalidArgument, "filter on '\(filter.field.rawValue)' has no value", at: operation)
      }
      switch filter.op {
      case .equal: require("\(column) = ?", [bound[0]])
      case .notEqual: require("\(column) <> ?", [bound[0]])
      case .greaterThan: require("\(column) > ?", [bound[0]])
      case .greaterThanOrEqual: require("\(column) >= ?", [bound[0]])
      case .lessThan: require("\(column) < ?", [bound[0]])
      case .lessThanOrEqual: require("\(column) <= ?", [bound[0]])
      case .contains: require("instr(\(column), ?) > 0", [bound[0]])
      case .valueIn, .valueNotIn:
        let marks = Array(repeating: "?", count: bound.count).joined(separator: ", ")
        require("\(column) \(filter.op == .valueIn ? "IN" : "NOT IN") (\(marks))", bound)
      }
    }
  }

  var whereSQL: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

  func orderSQL(_ sort: ListSort, tieBreak: [String], operation: String) throws(AdminError) -> String {
    guard let column = columns[sort.field] else {
      throw AdminError(.invalidArgument, "cannot sort by '\(sort.field.rawValue)' here", at: operation)
    }
    let direction = sort.ascending ? "ASC" : "DESC"
    return "ORDER BY "
      + ([column] + tieBreak.filter { $0 != column }).map { "\($0) \(direction)" }.joined(separator: ", ")
  }

  func bind(_ statement: SQLiteStatement, startingAt first: Int32 = 1) throws(StoreError) {
    for (offset, value) in values.enumerated() {
      let index = first + Int32(offset)
      switch value {
      case .text(let text): try statement.bind(text, at: index)
      case .integer(let number): try statement.bind(number, at: index)
      }
    }
  }

  static func value(_ value: FilterValue) -> Value {
    switch value {
    case .text(let text): .text(text)
    case .integer(let number): .integer(number)
    case .time(let date): .integer(microseconds(date))
    }
  }
}

extension StoreError {
  /// The store failure as an admin error.
  var admin: AdminError {
    switch code {
    case .notFound: AdminError(.notFound, message, at: operation)
    case .alreadyExists: AdminError(.alreadyExists, message, at: operation)
    case .invalidArgument: AdminError(.invalidArgument, message, at: operation)
    default: AdminError(.internalError, description, at: "admin store")
    }
  }
}
