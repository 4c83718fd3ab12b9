public import VaneModel

extension SQLAdminStore {
  public func feedPosition(_ feed: String) async throws(AdminError) -> Int64 {
    let statement = AdminTables.feedPositions.select("WHERE feed = ?", [.text(feed)])
    return try await read("read the position of feed \(feed)", statement).first?.integer("position") ?? 0
  }

  public func apply(_ batch: EventBatch) async throws(AdminError) {
    let rowsPerStatement = database.dialect.rowsPerUpsert
    let statements =
      AdminTables.nodeExecutions.upsert(batch.nodes.map(\.row), rowsPerStatement: rowsPerStatement)
      + AdminTables.taskExecutions.upsert(batch.tasks.map(\.row), rowsPerStatement: rowsPerStatement)
      + AdminTables.feedPositions.upsert([[.text(batch.feed), .integer(batch.position)]], rowsPerStatement: 1)
    try await transaction(
      "apply events of feed \(batch.feed) up to \(batch.position)", .sequence(statements) { .done(()) })
  }

  public func nodeExecution(_ execution: EntityName, nodeID: String) async throws(AdminError) -> NodeExecutionRecord? {
    let table = AdminTables.nodeExecutions
    let statement = table.select("WHERE \(SQLTable.equal(table.primaryKey))", execution.values + [.text(nodeID)])
    return try await read("read node execution \(execution.name)/\(nodeID)", statement).first.map(
      NodeExecutionRecord.init)
  }

  public func nodeExecutions(
    _ execution: EntityName, parentNodeID: String, _ query: ListQuery
  ) async throws(AdminError)
    -> Page<NodeExecutionRecord>
  {
    try await page(
      AdminTables.nodeExecutions, scope: Self.scope(execution, ("parent_node_id", .text(parentNodeID))), query,
      fields: AdminListings.nodes, tieBreak: AdminListings.nodeTieBreak, operation: "list node executions",
      NodeExecutionRecord.init)
  }

  public func taskExecution(
    _ execution: EntityName, nodeID: String, task: EntityKey, retryAttempt: UInt32
  ) async throws(AdminError) -> TaskExecutionRecord? {
    let statement = AdminTables.taskExecutions.select(
      "WHERE \(SQLTable.equal(AdminTables.taskAttempt))",
      TaskExecutionRecord.attempt(execution, nodeID: nodeID, task: task, retryAttempt: retryAttempt))
    let operation = "read task execution \(execution.name)/\(nodeID)/\(task)/\(retryAttempt)"
    return try await read(operation, statement).first.map(TaskExecutionRecord.init)
  }

  public func taskExecutions(
    _ execution: EntityName, nodeID: String, _ query: ListQuery
  ) async throws(AdminError)
    -> Page<TaskExecutionRecord>
  {
    try await page(
      AdminTables.taskExecutions, scope: Self.scope(execution, ("node_id", .text(nodeID))), query,
      fields: AdminListings.tasks, tieBreak: AdminListings.taskTieBreak, operation: "list task executions",
      TaskExecutionRecord.init)
  }

  /// The columns naming `execution`, and one more.
  private static func scope(
    _ execution: EntityName, _ more: (String, SQLValue)
  ) -> [(column: String, value: SQLValue)] {
    Array(zip(AdminTables.ofExecution, execution.values)) + [more]
  }
}
