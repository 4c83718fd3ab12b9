internal import CSQLite
public import Foundation

/// SQLite's `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
private let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement borrowed from a connection's cache.
///
/// Valid only inside the `SQLiteConnection.withStatement` closure that handed it out; the
/// connection resets it and clears its bindings afterwards. Parameter and column indexes follow
/// SQLite: parameters count from 1, columns from 0.
public struct SQLiteStatement {
  let handle: OpaquePointer
  /// The SQL text, for error messages.
  public let sql: String

  init(handle: OpaquePointer, sql: String) {
    self.handle = handle
    self.sql = sql
  }

  // MARK: Binding

  /// Binds an integer to the 1-based parameter `index`.
  public func bind(_ value: Int64, at index: Int32) throws(StoreError) {
    try check(sqlite3_bind_int64(handle, index, value), "bind")
  }

  /// Binds a Boolean as 0 or 1.
  public func bind(_ value: Bool, at index: Int32) throws(StoreError) {
    try bind(Int64(value ? 1 : 0), at: index)
  }

  /// Binds a floating-point number.
  public func bind(_ value: Double, at index: Int32) throws(StoreError) {
    try check(sqlite3_bind_double(handle, index, value), "bind")
  }

  /// Binds UTF-8 text, or NULL for `nil`.
  public func bind(_ value: String?, at index: Int32) throws(StoreError) {
    guard let value else { return try bindNull(at: index) }
    let code = value.utf8CString.withUnsafeBufferPointer { buffer in
      sqlite3_bind_text(handle, index, buffer.baseAddress, Int32(buffer.count - 1), transientDestructor)
    }
    try check(code, "bind")
  }

  /// Binds a blob, or NULL for `nil`. An empty `Data` binds an empty blob, not NULL.
  public func bind(_ value: Data?, at index: Int32) throws(StoreError) {
    guard let value else { return try bindNull(at: index) }
    let code = value.withUnsafeBytes { bytes -> Int32 in
      guard let base = bytes.baseAddress, bytes.count > 0 else {
        return sqlite3_bind_zeroblob(handle, index, 0)
      }
      return sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(bytes.count), transientDestructor)
    }
    try check(code, "bind")
  }

  /// Binds NULL.
  public func bindNull(at index: Int32) throws(StoreError) {
    try check(sqlite3_bind_null(handle, index), "bind")
  }

  // MARK: Stepping

  /// Runs the statement one step: `true` when a row is available, `false` when it is done.
  @discardableResult
  public func step() throws(StoreError) -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw error(code, "step")
    }
  }

  /// Steps to completion, ignoring any rows.
  public func run() throws(StoreError) {
    while try step() {}
  }

  // MARK: Columns

  /// Whether the 0-based column of the current row is NULL.
  public func isNull(_ column: Int32) -> Bool {
    sqlite3_column_type(handle, column) == SQLITE_NULL
  }

  /// The column as an integer (0 for NULL).
  public func int64(_ column: Int32) -> Int64 {
    sqlite3_column_int64(handle, column)
  }

  /// The column as a Boolean (non-zero is `true`).
  public func bool(_ column: Int32) -> Bool {
    sqlite3_column_int64(handle, column) != 0
  }

  /// The column as a floating-point number.
  public func double(_ column: Int32) -> Double {
    sqlite3_column_double(handle, column)
  }

  /// The column as text (empty for NULL).
  public func text(_ column: Int32) -> String {
    guard let pointer = sqlite3_column_text(handle, column) else { return "" }
    let count = Int(sqlite3_column_bytes(handle, column))
    return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
  }

  /// The column as optional text (`nil` for NULL).
  public func optionalText(_ column: Int32) -> String? {
    isNull(column) ? nil : text(column)
  }

  /// The column as bytes (empty for NULL).
  public func data(_ column: Int32) -> Data {
    guard let pointer = sqlite3_column_blob(handle, column) else { return Data() }
    let count = Int(sqlite3_column_bytes(handle, column))
    return Data(bytes: pointer, count: count)
  }

  // MARK: Errors

  private func check(_ code: Int32, _ action: String) throws(StoreError) {
    guard code == SQLITE_OK else { throw error(code, action) }
  }

  private func error(_ code: Int32, _ action: String) -> StoreError {
    let database = sqlite3_db_handle(handle)
    let message = database.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown error"
    let extended = database.map { sqlite3_extended_errcode($0) } ?? code
    return StoreError(.sqlite, message, operation: "sqlite \(action)", sql: sql, sqliteCode: extended)
  }
}
