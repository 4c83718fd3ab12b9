public import Foundation
public import Logging
import NIOCore
public import PostgresNIO
public import VaneStore

/// `KeyValueStore` in the `key_values` table of a PostgreSQL schema: what replicas share for
/// signals, cache entries and marks.
///
/// Every call is one statement, so each is atomic on its row across replicas: `putIfAbsent`
/// is `INSERT … ON CONFLICT DO NOTHING` (exactly one of several racing replicas stores its
/// value), `put` an upsert. Keys are `text COLLATE "C"`, so `keys` returns byte order as the
/// SQLite store does.
public struct PostgresKeyValueStore: KeyValueStore, PostgresSchemaUser {
  /// The longest namespace or key, in UTF-8 bytes: both go into the primary key's btree,
  /// whose entries PostgreSQL caps near 2,700 bytes.
  public static let maxKeyBytes = 1_024
  /// The largest value, in bytes. Values should stay kilobytes; this bounds what one bad
  /// caller can push through the connection and into the table.
  public static let maxValueBytes = 16 << 20

  /// The pool it queries through; the caller runs it.
  public let client: PostgresClient
  /// Where the `key_values` table is.
  public let schema: PostgresStoreSchema
  let logger: Logger

  public static let defaultLoggerLabel = "vane.store.postgres"

  /// A store over a schema that is already migrated.
  public init(migrated client: PostgresClient, schema: PostgresStoreSchema, logger: Logger) {
    self.client = client
    self.schema = schema
    self.logger = logger
  }

  public func value(_ namespace: String, _ key: String) async throws(StoreError) -> Data? {
    let operation = "read key \(namespace)/\(key.prefix(64))"
    try check(namespace, key, operation: operation)
    let query: PostgresQuery = """
      SELECT value FROM \(unescaped: table) WHERE namespace = \(namespace) AND key = \(key)
      """
    return try await rows(query, operation: operation) { row in try row.decode(Data.self) }.first
  }

  public func put(_ namespace: String, _ key: String, _ value: Data) async throws(StoreError) {
    let operation = "put key \(namespace)/\(key.prefix(64))"
    try check(namespace, key, value: value, operation: operation)
    let query: PostgresQuery = """
      INSERT INTO \(unescaped: table) (namespace, key, value) VALUES (\(namespace), \(key), \(ByteBuffer(bytes: value)))
      ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value
      RETURNING 1
      """
    _ = try await rows(query, operation: operation) { row in try row.decode(Int32.self) }
  }

  public func putIfAbsent(_ namespace: String, _ key: String, _ value: Data) async throws(StoreError) -> Bool {
    let operation = "put key \(namespace)/\(key.prefix(64)) if absent"
    try check(namespace, key, value: value, operation: operation)
    let query: PostgresQuery = """
      INSERT INTO \(unescaped: table) (namespace, key, value) VALUES (\(namespace), \(key), \(ByteBuffer(bytes: value)))
      ON CONFLICT (namespace, key) DO NOTHING
      RETURNING 1
      """
    return try await !rows(query, operation: operation) { row in try row.decode(Int32.self) }.isEmpty
  }

  public func remove(_ namespace: String, _ key: String) async throws(StoreError) -> Bool {
    let operation = "remove key \(namespace)/\(key.prefix(64))"
    try check(namespace, key, operation: operation)
    let query: PostgresQuery = """
      DELETE FROM \(unescaped: table) WHERE namespace = \(namespace) AND key = \(key) RETURNING 1
      """
    return try await !rows(query, operation: operation) { row in try row.decode(Int32.self) }.isEmpty
  }

  public func keys(_ namespace: String, prefix: String) async throws(StoreError) -> [String] {
    let operation = "list keys \(namespace)/\(prefix.prefix(64))*"
    try check(namespace, prefix, operation: operation)
    let query: PostgresQuery = """
      SELECT key FROM \(unescaped: table) WHERE namespace = \(namespace) AND starts_with(key, \(prefix))
      ORDER BY key
      """
    return try await rows(query, operation: operation) { row in try row.decode(String.self) }
  }

  private var table: String { schema.table("key_values") }

  /// Runs `query` and decodes each row with `decode`.
  private func rows<Value>(
    _ query: PostgresQuery, operation: String, _ decode: (PostgresNIO.PostgresRow) throws -> Value
  ) async throws(StoreError) -> [Value] {
    do {
      var values: [Value] = []
      for try await row in try await client.query(query, logger: logger) { values.append(try decode(row)) }
      return values
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  /// Throws `invalidArgument` for a namespace or key PostgreSQL cannot hold (a NUL) or over
  /// `maxKeyBytes`, and for a value over `maxValueBytes`.
  private func check(_ namespace: String, _ key: String, value: Data? = nil, operation: String) throws(StoreError) {
    for (text, what) in [(namespace, "the namespace"), (key, "the key")] {
      try PostgresRow.check(text: text, what, operation: operation)
      guard text.utf8.count <= Self.maxKeyBytes else {
        throw StoreError(
          .invalidArgument, "\(what) is \(text.utf8.count) bytes, over \(Self.maxKeyBytes)", operation: operation)
      }
    }
    if let value, value.count > Self.maxValueBytes {
      throw StoreError(
        .invalidArgument, "the value is \(value.count) bytes, over \(Self.maxValueBytes)", operation: operation)
    }
  }
}
