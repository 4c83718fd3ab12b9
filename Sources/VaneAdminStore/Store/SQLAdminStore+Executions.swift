public import Foundation

extension SQLAdminStore {
  public func recordExecution(_ execution: ExecutionRecord) async throws(AdminError) {
    let name = execution.name
    try await insertOrFail(
      AdminTables.executions, execution.row,
      taken: AdminError(
        .alreadyExists, "an execution named '\(name.name)' exists already in \(name.project)/\(name.domain)",
        at: "create execution"))
  }

  public func removeExecution(_ name: EntityName) async throws(AdminError) -> Bool {
    let statement = SQLStatement(
      "DELETE FROM \(AdminTables.executions.name) WHERE \(SQLTable.equal(AdminTables.named)) RETURNING 1 AS touched",
      name.values, returning: SQLStatement.touched)
    return try await transaction(
      "remove execution \(name.project):\(name.domain):\(name.name)",
      .run(statement) { (removed) throws(AdminError) in .done(!removed.isEmpty) })
  }

  public func execution(_ name: EntityName) async throws(AdminError) -> ExecutionRecord? {
    let statement = AdminTables.executions.select("WHERE \(SQLTable.equal(AdminTables.named))", name.values)
    return try await read("read execution \(name.project):\(name.domain):\(name.name)", statement).first.map(
      ExecutionRecord.init)
  }

  public func setExecutionState(
    _ name: EntityName, state: Int, by principal: String, at time: Date
  ) async throws(AdminError) {
    let operation = "update execution \(name.project):\(name.domain):\(name.name)"
    let update = SQLStatement(
      """
      UPDATE \(AdminTables.executions.name) SET state = ?, state_changed_at = ?, state_principal = ?
      WHERE \(SQLTable.equal(AdminTables.named)) RETURNING 1 AS touched
      """, [.integer(Int64(state)), .integer(microseconds(time)), .text(principal)] + name.values,
      returning: SQLStatement.touched)
    try await transaction(
      operation,
      .run(update) { (updated) throws(AdminError) in
        guard !updated.isEmpty else { throw AdminError(.notFound, "no such execution", at: operation) }
        return .done(())
      })
  }

  public func executions(_ query: ListQuery) async throws(AdminError) -> Page<ExecutionRecord> {
    try await page(
      AdminTables.executions, scope: [], query, fields: AdminListings.executions, tieBreak: ["name"],
      operation: "list executions", ExecutionRecord.init)
  }
}
