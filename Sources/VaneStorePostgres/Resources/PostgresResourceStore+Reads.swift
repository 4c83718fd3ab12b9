import Foundation
import Logging
import PostgresNIO
public import VaneStore

extension PostgresResourceStore {
  public func get(_ key: ResourceKey) async throws(StoreError) -> StoredResource? {
    let operation = "get \(key)"
    try PostgresRow.check(key, operation: operation)
    let query: PostgresQuery = """
      SELECT r.version, r.created_at, r.terminal, r.abort_requested_at, r.abort_reason, r.labels, r.status, s.spec
      FROM \(unescaped: schema.table("resources")) r
      JOIN \(unescaped: schema.table("resource_specs")) s ON s.resource_id = r.id
      WHERE r.project = \(key.project) AND r.domain = \(key.domain) AND r.name = \(key.name)
      """
    do {
      for try await row in try await client.query(query, logger: logger) {
        let (version, createdAt, terminal, abortAt, reason, labels, status, spec) = try row.decode(
          (Int64, Int64, Bool, Int64?, String?, Data, Data, Data).self)
        let metadata = try PostgresRow.metadata(
          (version, createdAt, terminal, abortAt, reason, labels), key: key, operation: operation)
        return StoredResource(metadata: metadata, spec: spec, status: status)
      }
      return nil
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  public func getStatus(_ key: ResourceKey) async throws(StoreError) -> StoredStatus? {
    let operation = "get status of \(key)"
    try PostgresRow.check(key, operation: operation)
    let query: PostgresQuery = """
      SELECT \(unescaped: PostgresRow.metadataColumns), r.status, \(unescaped: recordColumns)
      FROM \(unescaped: schema.table("resources")) r
      WHERE project = \(key.project) AND domain = \(key.domain) AND name = \(key.name)
      """
    do {
      for try await row in try await client.query(query, logger: logger) {
        let (version, createdAt, terminal, abortAt, reason, labels, status, paths, bodies) = try row.decode(
          (Int64, Int64, Bool, Int64?, String?, Data, Data, [String], [ByteBuffer]).self)
        let metadata = try PostgresRow.metadata(
          (version, createdAt, terminal, abortAt, reason, labels), key: key, operation: operation)
        return StoredStatus(
          metadata: metadata, status: status,
          records: try PostgresRow.records(paths: paths, bodies: bodies, operation: operation))
      }
      return nil
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  public func metadata(_ key: ResourceKey) async throws(StoreError) -> ResourceMetadata? {
    let operation = "get metadata of \(key)"
    try PostgresRow.check(key, operation: operation)
    let query: PostgresQuery = """
      SELECT \(unescaped: PostgresRow.metadataColumns) FROM \(unescaped: schema.table("resources"))
      WHERE project = \(key.project) AND domain = \(key.domain) AND name = \(key.name)
      """
    do {
      for try await row in try await client.query(query, logger: logger) {
        return try PostgresRow.metadata(
          row.decode((Int64, Int64, Bool, Int64?, String?, Data).self), key: key, operation: operation)
      }
      return nil
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  /// The status records of resource `r`, as two arrays in path order. Subqueries of the
  /// statement that reads the head: one snapshot, so head and records are of one version.
  private var recordColumns: String {
    let records = schema.table("resource_status_records")
    return """
      ARRAY(SELECT path FROM \(records) WHERE resource_id = r.id ORDER BY path),
        ARRAY(SELECT body FROM \(records) WHERE resource_id = r.id ORDER BY path)
      """
  }

  public func list(
    _ filter: ResourceListFilter, limit: Int, after: ResourceKey?
  ) async throws(StoreError) -> [ResourceMetadata] {
    let operation = "list \(filter) resources"
    guard limit > 0 else {
      throw StoreError(.invalidArgument, "list limit must be positive, got \(limit)", operation: operation)
    }
    if let after {
      for part in [after.project, after.domain, after.name] {
        try PostgresRow.check(text: part, "the key", operation: operation)
      }
    }
    // Keys have non-empty parts, so ('', '', '') sorts before every stored key.
    let start = after ?? ResourceKey(project: "", domain: "", name: "")
    let onlyActive = filter == .active ? "AND NOT terminal" : ""
    let query: PostgresQuery = """
      SELECT project, domain, name, \(unescaped: PostgresRow.metadataColumns)
      FROM \(unescaped: schema.table("resources"))
      WHERE (project, domain, name) > (\(start.project), \(start.domain), \(start.name)) \(unescaped: onlyActive)
      ORDER BY project, domain, name LIMIT \(Int64(limit))
      """
    do {
      var page: [ResourceMetadata] = []
      for try await row in try await client.query(query, logger: logger) {
        let (project, domain, name, version, createdAt, terminal, abortAt, reason, labels) = try row.decode(
          (String, String, String, Int64, Int64, Bool, Int64?, String?, Data).self)
        let key = ResourceKey(project: project, domain: domain, name: name)
        page.append(
          try PostgresRow.metadata(
            (version, createdAt, terminal, abortAt, reason, labels), key: key, operation: operation))
      }
      return page
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }
}
