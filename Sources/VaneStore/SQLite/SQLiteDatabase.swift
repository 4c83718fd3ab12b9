internal import CSQLite
import Synchronization

/// A SQLite database file in WAL mode, with one writer connection and one reader connection.
///
/// Thread-safety: each connection sits behind its own `Mutex`; a caller holds it only for the
/// duration of one closure, which runs synchronously on the caller's thread. Writes are
/// serialised (SQLite allows one writer anyway) and every write is a `BEGIN IMMEDIATE`
/// transaction; reads use the second connection, so a read never waits for a write to finish
/// (WAL readers see the last committed state). The critical sections are short — tens of
/// microseconds — so blocking a cooperative thread for them is cheaper than hopping to an
/// executor. Connections are opened with `SQLITE_OPEN_NOMUTEX`: the `Mutex` is the only lock.
///
/// Other processes may open the same file; `busyTimeout` bounds how long a writer waits for
/// their locks.
public final class SQLiteDatabase: Sendable {
  /// How the database is opened.
  public struct Options: Sendable {
    /// SQLite's `PRAGMA synchronous` level.
    public enum Synchronous: String, Sendable {
      /// No fsync at all: a crash of the machine can corrupt the file. Tests only.
      case off = "OFF"
      /// fsync at checkpoints: commits survive a process crash, the last few may be lost on
      /// power loss.
      case normal = "NORMAL"
      /// fsync of the write-ahead log at every commit: commits also survive power loss. The
      /// default: the engine acknowledges a round (and the admin a create) only after its
      /// commit, and task side effects outside Vane may already have happened, so a commit that
      /// vanished on power loss would replay them.
      case full = "FULL"
    }

    /// Durability level; `.full` by default.
    public var synchronous: Synchronous
    /// How long a writer waits for another process's lock before failing with SQLITE_BUSY.
    public var busyTimeout: Duration
    /// Page cache per connection, in KiB (0 keeps SQLite's default).
    public var cacheSizeKiB: Int

    /// Creates options; the defaults suit the embedded engine.
    public init(synchronous: Synchronous = .full, busyTimeout: Duration = .seconds(5), cacheSizeKiB: Int = 16_384) {
      self.synchronous = synchronous
      self.busyTimeout = busyTimeout
      self.cacheSizeKiB = cacheSizeKiB
    }
  }

  /// The database file.
  public let path: String
  private let writer: Mutex<SQLiteConnection?>
  private let reader: Mutex<SQLiteConnection?>

  /// Opens (creating if needed) the database file at `path` and switches it to WAL mode.
  public init(path: String, options: Options = Options()) throws(StoreError) {
    self.path = path
    let writerConnection = try SQLiteConnection(path: path, options: options, role: "writer")
    let mode = try writerConnection.withStatement("PRAGMA journal_mode = WAL") { statement throws(StoreError) in
      try statement.step() ? statement.text(0) : ""
    }
    guard mode.lowercased() == "wal" else {
      throw StoreError(
        .sqlite, "the database at \(path) refused WAL mode (got '\(mode)'); use a local file system",
        operation: "open database")
    }
    let readerConnection = try SQLiteConnection(path: path, options: options, role: "reader")
    try readerConnection.execute("PRAGMA query_only = ON")
    writer = Mutex(writerConnection)
    reader = Mutex(readerConnection)
  }

  /// Runs `body` in a `BEGIN IMMEDIATE` transaction on the writer connection, then, after the
  /// commit and still holding the writer lock, runs `afterCommit` with the result. Code that
  /// must observe commits in commit order (watch notifications) belongs in `afterCommit`.
  @discardableResult
  public func write<Result: Sendable>(
    _ body: (SQLiteConnection) throws(StoreError) -> Result,
    afterCommit: (Result) -> Void = { _ in }
  ) throws(StoreError) -> Result {
    try writer.withLock { (connection: inout SQLiteConnection?) throws(StoreError) -> Result in
      guard let open = connection else { throw Self.closedError("write") }
      let result = try open.transaction(.immediate) { () throws(StoreError) -> Result in try body(open) }
      afterCommit(result)
      return result
    }
  }

  /// Runs `body` on the reader connection, outside any explicit transaction: each statement
  /// sees the last committed state. Wrap several statements in
  /// `connection.transaction(.deferred)` to read them from one snapshot.
  public func read<Result: Sendable>(
    _ body: (SQLiteConnection) throws(StoreError) -> Result
  ) throws(StoreError) -> Result {
    try reader.withLock { (connection: inout SQLiteConnection?) throws(StoreError) -> Result in
      guard let open = connection else { throw Self.closedError("read") }
      return try body(open)
    }
  }

  /// Runs `body` on the writer connection without opening a transaction (pragmas, checkpoints,
  /// migrations that manage their own transactions).
  public func withWriter<Result: Sendable>(
    _ body: (SQLiteConnection) throws(StoreError) -> Result
  ) throws(StoreError) -> Result {
    try writer.withLock { (connection: inout SQLiteConnection?) throws(StoreError) -> Result in
      guard let open = connection else { throw Self.closedError("write") }
      return try body(open)
    }
  }

  /// Closes both connections. Later calls fail with `StoreError.Code.closed`. Committed data is
  /// already in the WAL file; closing does not need to checkpoint for it to survive.
  public func close() {
    writer.withLock { connection in
      connection?.close()
      connection = nil
    }
    reader.withLock { connection in
      connection?.close()
      connection = nil
    }
  }

  private static func closedError(_ action: String) -> StoreError {
    StoreError(.closed, "the database was closed; open it again to \(action)", operation: action)
  }
}
