public import Foundation

extension SQLAdminStore {
  public func namedEntity(_ kind: EntityKind, _ name: EntityName) async throws(AdminError) -> NamedEntityRecord? {
    let operation = "read \(kind) name \(name.project):\(name.domain):\(name.name)"
    var listing = self.listing(
      AdminListings.namedEntityColumns, fields: AdminListings.namedEntities, tieBreak: [], operation: operation)
    listing.require(AdminTables.named, name.values)
    let statement = Self.namedEntitySelect(kind, listing, tail: "LIMIT 1", [])
    return try await read(operation, statement).first.map { NamedEntityRecord($0, kind: kind) }
  }

  public func namedEntities(_ kind: EntityKind, _ query: ListQuery) async throws(AdminError) -> Page<NamedEntityRecord>
  {
    let operation = "list \(kind) names"
    var listing = self.listing(
      AdminListings.namedEntityColumns, fields: AdminListings.namedEntities,
      tieBreak: AdminListings.namedEntityTieBreak, operation: operation)
    try listing.add(query.filters)
    let statement = Self.namedEntitySelect(
      kind, listing, tail: "\(try listing.orderClause(query.sort)) LIMIT ? OFFSET ?", SQLListing.limits(query))
    let rows = try await read(operation, statement)
    return Page(items: rows.map { NamedEntityRecord($0, kind: kind) }, of: query)
  }

  public func updateNamedEntity(_ entity: NamedEntityRecord, at time: Date) async throws(AdminError) {
    let name = entity.name
    let operation = "update \(entity.kind) name \(name.project):\(name.domain):\(name.name)"
    // FlyteAdmin keeps metadata only for names that exist: the update fails unless a version
    // is registered, and then creates or replaces the name's row.
    let registered = SQLStatement(
      "SELECT 1 AS touched FROM \(AdminTables.entities.name) WHERE kind = ? AND \(SQLTable.equal(AdminTables.named)) LIMIT 1",
      [.integer(Int64(entity.kind.rawValue))] + name.values, returning: SQLStatement.touched)
    let upserts = AdminTables.namedEntities.upsert([entity.row(at: time)], rowsPerStatement: 1)
    try await transaction(
      operation,
      .run(registered) { (rows) throws(AdminError) in
        guard !rows.isEmpty else {
          throw AdminError(
            .notFound, "no version of \(entity.kind) '\(name.name)' is registered in \(name.project)/\(name.domain)",
            at: operation)
        }
        return .sequence(upserts) { .done(()) }
      })
  }

  /// The names of `kind` with at least one registered version, each with its metadata (the
  /// defaults, empty and active, when it has no row), filtered by `listing`, then `tail`.
  ///
  /// The names and their metadata are a derived table, so filters and sorting name plain
  /// columns (`state`, `description`) in both dialects.
  private static func namedEntitySelect(
    _ kind: EntityKind, _ listing: SQLListing, tail: String, _ more: [SQLValue]
  ) -> SQLStatement {
    let named = AdminTables.named.joined(separator: ", ")
    let joined = AdminTables.named.map { "m.\($0) = n.\($0)" }.joined(separator: " AND ")
    let columns = AdminListings.namedEntityColumns.map(\.name).joined(separator: ", ")
    return SQLStatement(
      """
      SELECT \(columns) FROM (
        SELECT \(AdminTables.named.map { "n.\($0)" }.joined(separator: ", ")),
          COALESCE(m.description, '') AS description, COALESCE(m.state, 0) AS state
        FROM (SELECT DISTINCT \(named) FROM \(AdminTables.entities.name) WHERE kind = ?) AS n
        LEFT JOIN \(AdminTables.namedEntities.name) AS m ON m.kind = ? AND \(joined)
      ) AS names \(listing.whereClause) \(tail)
      """,
      [.integer(Int64(kind.rawValue)), .integer(Int64(kind.rawValue))] + listing.values + more,
      returning: AdminListings.namedEntityColumns)
  }
}
