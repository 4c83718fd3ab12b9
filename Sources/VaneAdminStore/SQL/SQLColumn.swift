/// One column of an admin table, or of a query's result.
struct SQLColumn: Sendable, Hashable {
  let name: String
  let type: SQLType
  /// The value a row gets when an insert leaves the column out.
  let defaultValue: Int64?

  init(_ name: String, _ type: SQLType, default defaultValue: Int64? = nil) {
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
  }

  static func text(_ name: String) -> SQLColumn { SQLColumn(name, .text) }
  static func integer(_ name: String, default value: Int64? = nil) -> SQLColumn {
    SQLColumn(name, .integer, default: value)
  }
  static func blob(_ name: String) -> SQLColumn { SQLColumn(name, .blob) }
}
