internal import CSQLite

/// One open SQLite connection with a cache of prepared statements.
///
/// Not thread-safe on its own: `SQLiteDatabase` hands a connection to one closure at a time
/// under a lock, and the connection must not escape that closure. Statements are cached by SQL
/// text, so callers should use constant SQL (build dynamic SQL sparingly: each distinct text
/// costs a prepared statement until the cache is trimmed).
public final class SQLiteConnection {
  /// When a transaction takes the write lock.
  public enum TransactionKind: Sendable {
    /// Takes the write lock at once (`BEGIN IMMEDIATE`); use for every read-modify-write.
    case immediate
    /// Takes locks as statements need them (`BEGIN DEFERRED`); use for consistent multi-read.
    case deferred
  }

  /// The database file this connection opened.
  public let path: String
  private var handle: OpaquePointer?
  private var statements: [String: OpaquePointer] = [:]
  private static let statementCacheLimit = 256

  init(path: String, options: SQLiteDatabase.Options, role: String) throws(StoreError) {
    self.path = path
    var opened: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let code = sqlite3_open_v2(path, &opened, flags, nil)
    guard code == SQLITE_OK, let opened else {
      let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(opened)
      throw StoreError(
        .sqlite, "cannot open database file \(path): \(message); check that the directory exists and is writable",
        operation: "open \(role) connection", sqliteCode: code)
    }
    handle = opened
    sqlite3_extended_result_codes(opened, 1)
    let milliseconds =
      options.busyTimeout.components.seconds * 1000
      + options.busyTimeout.components.attoseconds / 1_000_000_000_000_000
    sqlite3_busy_timeout(opened, Int32(clamping: milliseconds))
    do {
      try execute("PRAGMA synchronous = \(options.synchronous.rawValue)")
      try execute("PRAGMA foreign_keys = ON")
      try execute("PRAGMA temp_store = MEMORY")
      if options.cacheSizeKiB > 0 { try execute("PRAGMA cache_size = -\(options.cacheSizeKiB)") }
    } catch {
      close()
      throw error.during("open \(role) connection")
    }
  }

  deinit { close() }

  /// Whether `close()` ran.
  public var isClosed: Bool { handle == nil }

  /// Runs one or more SQL statements that take no parameters, ignoring rows they return.
  public func execute(_ sql: String) throws(StoreError) {
    let database = try open(sql)
    var errorMessage: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(database, sql, nil, nil, &errorMessage)
    guard code == SQLITE_OK else {
      let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(database))
      sqlite3_free(errorMessage)
      throw StoreError(
        .sqlite, message, operation: "sqlite execute", sql: sql, sqliteCode: sqlite3_extended_errcode(database))
    }
  }

  /// Lends the cached prepared statement for `sql` to `body`, then resets it and clears its
  /// bindings so it holds no read snapshot and no bound bytes between uses.
  public func withStatement<Result>(
    _ sql: String, _ body: (SQLiteStatement) throws(StoreError) -> Result
  ) throws(StoreError) -> Result {
    let statement = SQLiteStatement(handle: try prepared(sql), sql: sql)
    defer {
      sqlite3_reset(statement.handle)
      sqlite3_clear_bindings(statement.handle)
    }
    return try body(statement)
  }

  /// Runs one cached statement that takes no parameters, ignoring any rows.
  public func run(_ sql: String) throws(StoreError) {
    try withStatement(sql) { statement throws(StoreError) in try statement.run() }
  }

  /// Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  public var changes: Int {
    handle.map { Int(sqlite3_changes($0)) } ?? 0
  }

  /// The rowid of the last successful INSERT on this connection.
  public var lastInsertRowID: Int64 {
    handle.map { sqlite3_last_insert_rowid($0) } ?? 0
  }

  /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
  public func transaction<Result>(
    _ kind: TransactionKind = .immediate, _ body: () throws(StoreError) -> Result
  ) throws(StoreError) -> Result {
    try run(kind == .immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
    do {
      let result = try body()
      try run("COMMIT")
      return result
    } catch {
      if let handle, sqlite3_get_autocommit(handle) == 0 {
        try? run("ROLLBACK")
      }
      throw error
    }
  }

  /// Finalizes every cached statement and closes the connection. Safe to call twice.
  public func close() {
    for statement in statements.values { sqlite3_finalize(statement) }
    statements.removeAll()
    if let handle { sqlite3_close_v2(handle) }
    handle = nil
  }

  private func open(_ sql: String) throws(StoreError) -> OpaquePointer {
    guard let handle else {
      throw StoreError(.closed, "the database connection is closed", operation: "sqlite", sql: sql)
    }
    return handle
  }

  private func prepared(_ sql: String) throws(StoreError) -> OpaquePointer {
    if let cached = statements[sql] { return cached }
    let database = try open(sql)
    if statements.count >= Self.statementCacheLimit {
      for statement in statements.values { sqlite3_finalize(statement) }
      statements.removeAll()
    }
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard code == SQLITE_OK, let statement else {
      throw StoreError(
        .sqlite, String(cString: sqlite3_errmsg(database)), operation: "sqlite prepare", sql: sql,
        sqliteCode: sqlite3_extended_errcode(database))
    }
    statements[sql] = statement
    return statement
  }
}
