public import Foundation

/// `KeyValueStore` in the `key_values` table of a Vane SQLite database.
public final class SQLiteKeyValueStore: KeyValueStore {
  /// The database holding the table.
  public let database: SQLiteDatabase

  /// Uses an open database, migrating it to the current schema.
  public init(database: SQLiteDatabase) throws(StoreError) {
    self.database = database
    try database.migrate(VaneStoreSchema.migrations)
  }

  public func value(_ namespace: String, _ key: String) async throws(StoreError) -> Data? {
    try database.read { connection throws(StoreError) -> Data? in
      try connection.withStatement("SELECT value FROM key_values WHERE namespace = ?1 AND key = ?2") {
        statement throws(StoreError) -> Data? in
        try statement.bind(namespace, at: 1)
        try statement.bind(key, at: 2)
        return try statement.step() ? statement.data(0) : nil
      }
    }
  }

  public func put(_ namespace: String, _ key: String, _ value: Data) async throws(StoreError) {
    try write(
      """
      INSERT INTO key_values (namespace, key, version, value) VALUES (?1, ?2, 1, ?3)
      ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, version = version + 1
      """, namespace, key, value)
  }

  public func putIfAbsent(_ namespace: String, _ key: String, _ value: Data) async throws(StoreError) -> Bool {
    try write(
      "INSERT INTO key_values (namespace, key, version, value) VALUES (?1, ?2, 1, ?3) ON CONFLICT DO NOTHING",
      namespace, key, value) > 0
  }

  public func remove(_ namespace: String, _ key: String) async throws(StoreError) -> Bool {
    try write("DELETE FROM key_values WHERE namespace = ?1 AND key = ?2", namespace, key, nil) > 0
  }

  public func keys(_ namespace: String, prefix: String) async throws(StoreError) -> [String] {
    try database.read { connection throws(StoreError) -> [String] in
      try connection.withStatement(
        "SELECT key FROM key_values WHERE namespace = ?1 AND substr(key, 1, length(?2)) = ?2 ORDER BY key"
      ) { statement throws(StoreError) -> [String] in
        try statement.bind(namespace, at: 1)
        try statement.bind(prefix, at: 2)
        var keys: [String] = []
        while try statement.step() { keys.append(statement.text(0)) }
        return keys
      }
    }
  }

  /// Runs one write statement with (namespace, key[, value]) and returns the rows it changed.
  @discardableResult
  private func write(_ sql: String, _ namespace: String, _ key: String, _ value: Data?) throws(StoreError) -> Int {
    try database.write { connection throws(StoreError) -> Int in
      try connection.withStatement(sql) { statement throws(StoreError) in
        try statement.bind(namespace, at: 1)
        try statement.bind(key, at: 2)
        if let value { try statement.bind(value, at: 3) }
        try statement.run()
      }
      return connection.changes
    }
  }
}
