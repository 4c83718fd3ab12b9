import Foundation

/// One row a statement returned, its values named by the statement's result columns.
///
/// A value of another type than asked for reads as empty (0, "", no bytes): the tables are
/// ours and typed, so that only happens for NULL, which the accessors that can meet it
/// (`optionalInteger`) report as nil.
struct SQLRow: Sendable {
  let columns: [SQLColumn]
  let values: [SQLValue]

  func value(_ name: String) -> SQLValue {
    guard let index = columns.firstIndex(where: { $0.name == name }), index < values.count else { return .null }
    return values[index]
  }

  func integer(_ name: String) -> Int64 { optionalInteger(name) ?? 0 }

  func optionalInteger(_ name: String) -> Int64? {
    if case .integer(let number) = value(name) { return number }
    return nil
  }

  func text(_ name: String) -> String {
    if case .text(let text) = value(name) { return text }
    return ""
  }

  func blob(_ name: String) -> Data {
    if case .blob(let bytes) = value(name) { return bytes }
    return Data()
  }

  func date(_ name: String) -> Date { VaneAdminStore.date(microseconds: integer(name)) }
}
