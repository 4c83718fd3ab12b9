import Foundation

/// One column of an admin table, or of a query's result.
struct SQLColumn: Sendable, Hashable {
  let name: String
  let type: SQLType
  /// The value a row gets when an insert leaves the column out, as an SQL literal (the same
  /// spelling in every dialect). Columns added to an existing table need one.
  let defaultLiteral: String?

  init(_ name: String, _ type: SQLType, defaultLiteral: String? = nil) {
    self.name = name
    self.type = type
    self.defaultLiteral = defaultLiteral
  }

  static func text(_ name: String) -> SQLColumn { SQLColumn(name, .text) }
  /// A text column whose default is `value` (quotes doubled, as SQL writes them).
  static func text(_ name: String, default value: String) -> SQLColumn {
    SQLColumn(name, .text, defaultLiteral: "'" + value.replacingOccurrences(of: "'", with: "''") + "'")
  }
  static func integer(_ name: String, default value: Int64? = nil) -> SQLColumn {
    SQLColumn(name, .integer, defaultLiteral: value.map(String.init))
  }
  static func blob(_ name: String) -> SQLColumn { SQLColumn(name, .blob) }
}
