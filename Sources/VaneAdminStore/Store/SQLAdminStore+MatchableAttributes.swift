public import Foundation

extension SQLAdminStore {
  public func updateMatchableAttribute(_ record: MatchableAttributeRecord, at time: Date) async throws(AdminError) {
    let upserts = AdminTables.matchableAttributes.upsert([record.row(at: time)], rowsPerStatement: 1)
    try await transaction(
      "update \(Self.describe(record.scope, record.resourceType))", .sequence(upserts) { .done(()) })
  }

  public func matchableAttribute(
    _ scope: MatchableScope, resourceType: Int
  ) async throws(AdminError) -> MatchableAttributeRecord? {
    let statement = AdminTables.matchableAttributes.select(
      "WHERE \(SQLTable.equal(AdminTables.matchableKey)) LIMIT 1", scope.values + [.integer(Int64(resourceType))])
    return try await read("read \(Self.describe(scope, resourceType))", statement).first
      .map(MatchableAttributeRecord.init)
  }

  public func deleteMatchableAttribute(_ scope: MatchableScope, resourceType: Int) async throws(AdminError) {
    let operation = "delete \(Self.describe(scope, resourceType))"
    let delete = SQLStatement(
      """
      DELETE FROM \(AdminTables.matchableAttributes.name) WHERE \(SQLTable.equal(AdminTables.matchableKey))
      RETURNING 1 AS touched
      """, scope.values + [.integer(Int64(resourceType))], returning: SQLStatement.touched)
    try await transaction(
      operation,
      .run(delete) { (deleted) throws(AdminError) in
        guard !deleted.isEmpty else {
          throw AdminError(.notFound, "no attribute of this resource type is set here", at: operation)
        }
        return .done(())
      })
  }

  public func matchableAttributes(
    resourceType: Int, project: String?, org: String
  ) async throws(AdminError) -> [MatchableAttributeRecord] {
    var condition = "resource_type = ?"
    var values: [SQLValue] = [.integer(Int64(resourceType))]
    if let project {
      condition += " AND org = ? AND project = ?"
      values += [.text(org), .text(project)]
    }
    let statement = AdminTables.matchableAttributes.select(
      "WHERE \(condition) ORDER BY org, project, domain, workflow, launch_plan", values)
    return try await read("list matchable attributes of type \(resourceType)", statement)
      .map(MatchableAttributeRecord.init)
  }

  private static func describe(_ scope: MatchableScope, _ resourceType: Int) -> String {
    let parts = [scope.project, scope.domain, scope.workflow, scope.launchPlan].filter { !$0.isEmpty }
    return "matchable attribute \(resourceType) of \(parts.joined(separator: "/"))"
  }
}
