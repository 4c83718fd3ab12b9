import Foundation

/// Conversions between stored columns and resource values.
enum ResourceRow {
  /// Reads `version, created_at, terminal, abort_requested_at, abort_reason, labels` starting
  /// at `firstColumn`.
  static func metadata(
    _ statement: SQLiteStatement, key: ResourceKey, firstColumn c: Int32, operation: String
  )
    throws(StoreError) -> ResourceMetadata
  {
    let abortRequest =
      statement.isNull(c + 3)
      ? nil : AbortRequest(reason: statement.text(c + 4), requestedAt: date(statement.int64(c + 3)))
    return ResourceMetadata(
      key: key, version: statement.int64(c),
      labels: try ResourceLabels.decode(statement.data(c + 5), operation: operation),
      createdAt: date(statement.int64(c + 1)), isTerminal: statement.bool(c + 2), abortRequest: abortRequest)
  }

  static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }

  static func date(_ milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(milliseconds) / 1000)
  }
}

extension SQLiteStatement {
  /// Binds project, domain and name to parameters 1, 2 and 3.
  func bindKey(_ key: ResourceKey) throws(StoreError) {
    try bind(key.project, at: 1)
    try bind(key.domain, at: 2)
    try bind(key.name, at: 3)
  }
}

extension SQLiteConnection {
  /// Takes the next store-wide revision. Call inside a write transaction.
  func nextRevision() throws(StoreError) -> ResourceVersion {
    try withStatement("UPDATE store_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision") {
      statement throws(StoreError) -> ResourceVersion in
      guard try statement.step() else {
        throw StoreError(.corrupt, "the store_revision row is missing", operation: "next revision")
      }
      return statement.int64(0)
    }
  }

  /// The current version of `key`, or `nil`.
  func resourceVersion(_ key: ResourceKey) throws(StoreError) -> ResourceVersion? {
    try withStatement("SELECT version FROM resources WHERE project = ?1 AND domain = ?2 AND name = ?3") {
      statement throws(StoreError) -> ResourceVersion? in
      try statement.bindKey(key)
      return try statement.step() ? statement.int64(0) : nil
    }
  }

  /// Applies `status` to `key` if it is at `expectedVersion` and returns the new version.
  /// Call inside a write transaction. Throws `conflict` or `notFound` having changed nothing
  /// but the revision counter, which the caller's rollback restores.
  func updateStatus(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool, operation: String
  ) throws(StoreError) -> ResourceVersion {
    let version = try nextRevision()
    // Fast path: the terminal flag stays as it is, so the partial index is not touched.
    // When it does change (once per execution), the second statement sets it.
    for sql in [Self.updateKeepingTerminal, Self.updateSettingTerminal] {
      let id = try withStatement(sql) { statement throws(StoreError) -> Int64? in
        try statement.bindKey(key)
        try statement.bind(version, at: 4)
        try statement.bind(status.head, at: 5)
        try statement.bind(terminal, at: 6)
        try statement.bind(expectedVersion, at: 7)
        return try statement.step() ? statement.int64(0) : nil
      }
      if let id {
        try writeRecords(of: status, resource: id)
        return version
      }
    }
    throw try casFailure(key, expected: expectedVersion, operation: operation)
  }

  /// Stores and removes the status records `status` names for resource row `id`.
  private func writeRecords(of status: StatusWrite, resource id: Int64) throws(StoreError) {
    if status.replacesRecords {
      try withStatement("DELETE FROM resource_status_records WHERE resource_id = ?1") {
        statement throws(StoreError) in
        try statement.bind(id, at: 1)
        try statement.run()
      }
    } else {
      for path in status.removed {
        try withStatement("DELETE FROM resource_status_records WHERE resource_id = ?1 AND path = ?2") {
          statement throws(StoreError) in
          try statement.bind(id, at: 1)
          try statement.bind(path, at: 2)
          try statement.run()
        }
      }
    }
    for (path, body) in status.records {
      try withStatement("INSERT OR REPLACE INTO resource_status_records (resource_id, path, body) VALUES (?1, ?2, ?3)")
      { statement throws(StoreError) in
        try statement.bind(id, at: 1)
        try statement.bind(path, at: 2)
        try statement.bind(body, at: 3)
        try statement.run()
      }
    }
  }

  /// The status records of resource row `id`, by path.
  func statusRecords(resource id: Int64) throws(StoreError) -> [String: Data] {
    try withStatement("SELECT path, body FROM resource_status_records WHERE resource_id = ?1") {
      statement throws(StoreError) -> [String: Data] in
      try statement.bind(id, at: 1)
      var records: [String: Data] = [:]
      while try statement.step() { records[statement.text(0)] = statement.data(1) }
      return records
    }
  }

  private static let updateKeepingTerminal = """
    UPDATE resources SET version = ?4, status = ?5
    WHERE project = ?1 AND domain = ?2 AND name = ?3 AND version = ?7 AND terminal = ?6
    RETURNING id
    """
  private static let updateSettingTerminal = """
    UPDATE resources SET version = ?4, status = ?5, terminal = ?6
    WHERE project = ?1 AND domain = ?2 AND name = ?3 AND version = ?7
    RETURNING id
    """

  /// The error for a compare-and-swap that changed nothing: `notFound` or `conflict`.
  func casFailure(_ key: ResourceKey, expected: ResourceVersion, operation: String) throws(StoreError) -> StoreError {
    guard let current = try resourceVersion(key) else { return StoreError.missing(key, operation: operation) }
    return StoreError(
      .conflict, "\(key) is at version \(current), not \(expected); re-read it and try again",
      operation: operation)
  }
}

extension StoreError {
  static func missing(_ key: ResourceKey, operation: String) -> StoreError {
    StoreError(.notFound, "no resource named \(key)", operation: operation)
  }
}
