public import Foundation
public import VaneModel

extension SQLAdminStore {
  private static let entityKey = AdminTables.entities.primaryKey

  private static func keyValues(_ kind: EntityKind, _ key: EntityKey) -> [SQLValue] {
    [.integer(Int64(kind.rawValue))] + key.named + [.text(key.version)]
  }

  public func register(_ entity: RegisteredEntity) async throws(AdminError) -> RegistrationOutcome {
    let operation = "register \(entity.kind) \(entity.key)"
    let insert = AdminTables.entities.insertUnlessPresent(entity.row)
    let stored = AdminTables.entities.select(
      "WHERE \(SQLTable.equal(Self.entityKey))", Self.keyValues(entity.kind, entity.key))
    return try await transaction(
      operation,
      .run(insert) { (inserted) throws(AdminError) in
        guard inserted.isEmpty else { return .done(.created) }
        return .run(stored) { (rows) throws(AdminError) in
          guard rows.first?.blob("spec") == entity.spec else {
            throw AdminError(
              .alreadyExists,
              "a \(entity.kind) with different content is registered as \(entity.key); register it under a new version",
              at: operation)
          }
          return .done(.identical)
        }
      })
  }

  public func entity(_ kind: EntityKind, _ key: EntityKey) async throws(AdminError) -> RegisteredEntity? {
    let statement = AdminTables.entities.select("WHERE \(SQLTable.equal(Self.entityKey))", Self.keyValues(kind, key))
    return try await read("read \(kind) \(key)", statement).first.map { (row) throws(AdminError) in
      try RegisteredEntity(row)
    }
  }

  public func entities(_ kind: EntityKind, _ query: ListQuery) async throws(AdminError) -> Page<RegisteredEntity> {
    try await page(
      AdminTables.entities, scope: [("kind", .integer(Int64(kind.rawValue)))], query, fields: AdminListings.entities,
      tieBreak: AdminListings.entityTieBreak, operation: "list \(kind)s"
    ) { (row) throws(AdminError) in try RegisteredEntity(row) }
  }

  public func entityNames(_ kind: EntityKind, _ query: ListQuery) async throws(AdminError) -> Page<EntityName> {
    let operation = "list \(kind) names"
    var filtered = listing(
      AdminTables.entities.columns, fields: AdminListings.entities, tieBreak: [], operation: operation)
    filtered.require(["kind"], [.integer(Int64(kind.rawValue))])
    try filtered.add(query.filters)
    // Sort over the newest version of each name; fields that vary per version sort by name.
    let names = listing(
      AdminListings.entityNameColumns, fields: AdminListings.entityNames, tieBreak: ["name"], operation: operation)
    let sort =
      AdminListings.entityNames[query.sort.field] == nil
      ? ListSort(field: .name, ascending: query.sort.ascending) : query.sort
    let named = AdminTables.named.joined(separator: ", ")
    let statement = SQLStatement(
      """
      SELECT \(named), MAX(created_at) AS newest FROM \(AdminTables.entities.name) \(filtered.whereClause)
      GROUP BY \(named) \(try names.orderClause(sort)) LIMIT ? OFFSET ?
      """, filtered.values + SQLListing.limits(query), returning: AdminListings.entityNameColumns)
    let rows = try await read(operation, statement)
    return Page(items: rows.map { EntityName($0, nameColumn: "name") }, of: query)
  }

  public func setLaunchPlanState(_ key: EntityKey, active: Bool, at time: Date) async throws(AdminError) {
    let operation = "update launch plan \(key)"
    let stamp = SQLValue.integer(microseconds(time))
    let named = "kind = 3 AND \(SQLTable.equal(AdminTables.named))"
    // Activating one version deactivates the others first; the transaction rolls that back
    // when the version itself is not there.
    let others = SQLStatement(
      "UPDATE \(AdminTables.entities.name) SET state = 0, updated_at = ? WHERE \(named) AND version <> ? AND state <> 0",
      [stamp] + key.named + [.text(key.version)])
    let this = SQLStatement(
      "UPDATE \(AdminTables.entities.name) SET state = ?, updated_at = ? WHERE \(named) AND version = ? RETURNING 1 AS touched",
      [.integer(active ? 1 : 0), stamp] + key.named + [.text(key.version)], returning: SQLStatement.touched)
    try await transaction(
      operation,
      .sequence(active ? [others] : []) {
        .run(this) { (updated) throws(AdminError) in
          guard updated.count == 1 else {
            throw AdminError(.notFound, "no launch plan is registered as \(key)", at: operation)
          }
          return .done(())
        }
      })
  }

  public func activeLaunchPlan(_ name: EntityName) async throws(AdminError) -> RegisteredEntity? {
    let statement = AdminTables.entities.select(
      "WHERE kind = 3 AND \(SQLTable.equal(AdminTables.named)) AND state = 1 ORDER BY updated_at DESC LIMIT 1",
      name.values)
    let rows = try await read("read the active launch plan \(name.project):\(name.domain):\(name.name)", statement)
    return try rows.first.map { (row) throws(AdminError) in try RegisteredEntity(row) }
  }
}
