public import VaneModel

/// An error from a store: a stable code to branch on, a message a person can act on, and where
/// it happened (the operation and, for SQLite failures, the statement and SQLite's result code).
public struct StoreError: VaneError, Hashable {
  /// The stable kind of failure. Callers branch on this, never on the message.
  public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// No resource (or row) exists under the key.
    public static let notFound = Code(rawValue: "notFound")
    /// `create` found a resource under the key already.
    public static let alreadyExists = Code(rawValue: "alreadyExists")
    /// A compare-and-swap lost: the stored version is not the expected one. Re-read and retry.
    public static let conflict = Code(rawValue: "conflict")
    /// The caller passed something the store cannot hold (an empty key part, a bad limit).
    public static let invalidArgument = Code(rawValue: "invalidArgument")
    /// The database was closed before the operation ran.
    public static let closed = Code(rawValue: "closed")
    /// The database file was written by a newer Vane (its schema version is unknown here).
    public static let schemaTooNew = Code(rawValue: "schemaTooNew")
    /// Stored bytes could not be read back (for example malformed labels).
    public static let corrupt = Code(rawValue: "corrupt")
    /// SQLite itself reported an error; `sqliteCode` and `sql` say which and where.
    public static let sqlite = Code(rawValue: "sqlite")
    /// A write carried a lease that is no longer held with its token: another replica took the
    /// lease over (this one was paused or partitioned). Stop working on the lease's executions.
    public static let fenced = Code(rawValue: "fenced")

    public var description: String { rawValue }
  }

  /// The stable kind of failure.
  public var code: Code
  /// What went wrong and, where possible, what to do about it.
  public var message: String
  /// The store operation that failed, for example `update project/domain/name`.
  public var operation: String
  /// The SQL statement that failed, when SQLite reported the error.
  public var sql: String?
  /// SQLite's extended result code, when SQLite reported the error.
  public var sqliteCode: Int32?

  /// Creates an error.
  public init(
    _ code: Code, _ message: String, operation: String, sql: String? = nil, sqliteCode: Int32? = nil
  ) {
    self.code = code
    self.message = message
    self.operation = operation
    self.sql = sql
    self.sqliteCode = sqliteCode
  }

  /// The store operation that failed.
  public var location: String? { operation }

  /// `<code> in <operation>: <message>`, with SQLite's result code and statement when known.
  public var description: String {
    var text = "\(code) in \(operation): \(message)"
    if let sqliteCode { text += " (SQLite code \(sqliteCode))" }
    if let sql { text += " [\(sql)]" }
    return text
  }

  /// The same error with the operation replaced, for adding context on the way up.
  func during(_ operation: String) -> StoreError {
    var copy = self
    copy.operation = operation
    return copy
  }
}
