import Foundation

extension SQLiteResourceStore {
  public func get(_ key: ResourceKey) async throws(StoreError) -> StoredResource? {
    do {
      return try database.read { connection throws(StoreError) -> StoredResource? in
        try connection.withStatement(
          """
          SELECT r.version, r.created_at, r.terminal, r.abort_requested_at, r.abort_reason, r.labels,
                 r.status, s.spec
          FROM resources r JOIN resource_specs s ON s.resource_id = r.id
          WHERE r.project = ?1 AND r.domain = ?2 AND r.name = ?3
          """
        ) { statement throws(StoreError) -> StoredResource? in
          try statement.bindKey(key)
          guard try statement.step() else { return nil }
          let metadata = try ResourceRow.metadata(statement, key: key, firstColumn: 0, operation: "get \(key)")
          return StoredResource(metadata: metadata, spec: statement.data(7), status: statement.data(6))
        }
      }
    } catch {
      throw error.code == .sqlite ? error.during("get \(key)") : error
    }
  }

  public func getStatus(_ key: ResourceKey) async throws(StoreError) -> StoredStatus? {
    do {
      return try database.read { connection throws(StoreError) -> StoredStatus? in
        try connection.withStatement(
          """
          SELECT version, created_at, terminal, abort_requested_at, abort_reason, labels, status, id
          FROM resources WHERE project = ?1 AND domain = ?2 AND name = ?3
          """
        ) { statement throws(StoreError) -> StoredStatus? in
          try statement.bindKey(key)
          guard try statement.step() else { return nil }
          let metadata = try ResourceRow.metadata(statement, key: key, firstColumn: 0, operation: "get \(key)")
          return StoredStatus(
            metadata: metadata, status: statement.data(6),
            records: try connection.statusRecords(resource: statement.int64(7)))
        }
      }
    } catch {
      throw error.code == .sqlite ? error.during("get status of \(key)") : error
    }
  }

  public func metadata(_ key: ResourceKey) async throws(StoreError) -> ResourceMetadata? {
    do {
      return try database.read { connection throws(StoreError) -> ResourceMetadata? in
        try connection.withStatement(
          """
          SELECT version, created_at, terminal, abort_requested_at, abort_reason, labels
          FROM resources WHERE project = ?1 AND domain = ?2 AND name = ?3
          """
        ) { statement throws(StoreError) -> ResourceMetadata? in
          try statement.bindKey(key)
          guard try statement.step() else { return nil }
          return try ResourceRow.metadata(statement, key: key, firstColumn: 0, operation: "get metadata of \(key)")
        }
      }
    } catch {
      throw error.code == .sqlite ? error.during("get metadata of \(key)") : error
    }
  }

  public func list(
    _ filter: ResourceListFilter, limit: Int, after: ResourceKey?
  ) async throws(StoreError)
    -> [ResourceMetadata]
  {
    let operation = "list \(filter) resources"
    guard limit > 0 else {
      throw StoreError(.invalidArgument, "list limit must be positive, got \(limit)", operation: operation)
    }
    // Keys have non-empty parts, so ('', '', '') sorts before every stored key.
    let start = after ?? ResourceKey(project: "", domain: "", name: "")
    let sql =
      switch filter {
      case .active:
        """
        SELECT project, domain, name, version, created_at, terminal, abort_requested_at, abort_reason, labels
        FROM resources INDEXED BY resources_active
        WHERE terminal = 0 AND (project, domain, name) > (?1, ?2, ?3)
        ORDER BY project, domain, name LIMIT ?4
        """
      case .all:
        """
        SELECT project, domain, name, version, created_at, terminal, abort_requested_at, abort_reason, labels
        FROM resources
        WHERE (project, domain, name) > (?1, ?2, ?3)
        ORDER BY project, domain, name LIMIT ?4
        """
      }
    do {
      return try database.read { connection throws(StoreError) -> [ResourceMetadata] in
        try connection.withStatement(sql) { statement throws(StoreError) -> [ResourceMetadata] in
          try statement.bindKey(start)
          try statement.bind(Int64(limit), at: 4)
          var page: [ResourceMetadata] = []
          while try statement.step() {
            let key = ResourceKey(project: statement.text(0), domain: statement.text(1), name: statement.text(2))
            page.append(try ResourceRow.metadata(statement, key: key, firstColumn: 3, operation: operation))
          }
          return page
        }
      }
    } catch {
      throw error.code == .sqlite ? error.during(operation) : error
    }
  }
}
