import Foundation

/// A value bound to a statement or read from a row, in the few types the admin tables use.
enum SQLValue: Sendable, Hashable {
  case null
  case integer(Int64)
  case text(String)
  case blob(Data)
}

/// The column types of the admin tables; each dialect spells them its own way.
enum SQLType: Sendable, Hashable {
  /// A 64-bit integer (times are microseconds since 1970).
  case integer
  case text
  /// Bytes: encoded flyteidl messages.
  case blob
}
