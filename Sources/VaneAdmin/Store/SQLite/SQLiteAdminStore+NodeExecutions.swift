import Foundation
public import VaneModel
import VaneStore

extension SQLiteAdminStore: ExecutionEventStore {
  static let nodeSelect =
    "SELECT org, project, domain, execution, node_id, parent_node_id, phase, created_at, updated_at, message FROM admin_node_executions"
  static let taskSelect = """
    SELECT org, project, domain, execution, node_id, task_project, task_domain, task_name, task_version, retry_attempt,
    phase, created_at, updated_at, message FROM admin_task_executions
    """

  public func feedPosition(_ feed: String) async throws(AdminError) -> Int64 {
    do {
      return try database.read { connection throws(StoreError) -> Int64 in
        try connection.withStatement("SELECT position FROM admin_feed_positions WHERE feed = ?") {
          statement throws(StoreError) -> Int64 in
          try statement.bind(feed, at: 1)
          return try statement.step() ? statement.int64(0) : 0
        }
      }
    } catch {
      throw error.admin
    }
  }

  public func apply(_ batch: EventBatch) async throws(AdminError) {
    do {
      try database.write { connection throws(StoreError) in
        for node in batch.nodes { try Self.upsert(node, connection) }
        for task in batch.tasks { try Self.upsert(task, connection) }
        try connection.withStatement(
          """
          INSERT INTO admin_feed_positions (feed, position) VALUES (?, ?)
          ON CONFLICT (feed) DO UPDATE SET position = excluded.position
          """
        ) { statement throws(StoreError) in
          try statement.bind(batch.feed, at: 1)
          try statement.bind(batch.position, at: 2)
          try statement.run()
        }
      }
    } catch {
      throw error.admin
    }
  }

  public func nodeExecution(_ execution: EntityName, nodeID: String) async throws(AdminError) -> NodeExecutionRecord? {
    do {
      return try database.read { connection throws(StoreError) -> NodeExecutionRecord? in
        try connection.withStatement(
          Self.nodeSelect + " WHERE org = ? AND project = ? AND domain = ? AND execution = ? AND node_id = ?"
        ) { statement throws(StoreError) -> NodeExecutionRecord? in
          try Self.bindExecution(statement, execution)
          try statement.bind(nodeID, at: 5)
          return try statement.step() ? Self.node(statement) : nil
        }
      }
    } catch {
      throw error.admin
    }
  }

  public func nodeExecutions(
    _ execution: EntityName, parentNodeID: String, _ query: ListQuery
  ) async throws(AdminError)
    -> Page<NodeExecutionRecord>
  {
    let operation = "list node executions"
    var clause = SQLiteListClause(columns: ExecutionEventColumns.node)
    clause.require(
      "org = ? AND project = ? AND domain = ? AND execution = ? AND parent_node_id = ?",
      [
        .text(execution.org), .text(execution.project), .text(execution.domain), .text(execution.name),
        .text(parentNodeID),
      ])
    try clause.add(query.filters, operation: operation)
    let order = try clause.orderSQL(query.sort, tieBreak: ExecutionEventColumns.nodeTieBreak, operation: operation)
    let sql = "\(Self.nodeSelect) \(clause.whereSQL) \(order) LIMIT ? OFFSET ?"
    do {
      let rows = try database.read { connection throws(StoreError) -> [NodeExecutionRecord] in
        try connection.withStatement(sql) { statement throws(StoreError) -> [NodeExecutionRecord] in
          try Self.bindPage(statement, clause, query)
          var rows: [NodeExecutionRecord] = []
          while try statement.step() { rows.append(Self.node(statement)) }
          return rows
        }
      }
      return Page(items: rows, of: query)
    } catch {
      throw error.admin
    }
  }

  public func taskExecution(
    _ execution: EntityName, nodeID: String, task: EntityKey, retryAttempt: UInt32
  ) async throws(AdminError) -> TaskExecutionRecord? {
    do {
      return try database.read { connection throws(StoreError) -> TaskExecutionRecord? in
        try connection.withStatement(
          Self.taskSelect + """
             WHERE org = ? AND project = ? AND domain = ? AND execution = ? AND node_id = ? AND task_project = ?
            AND task_domain = ? AND task_name = ? AND task_version = ? AND retry_attempt = ?
            """
        ) { statement throws(StoreError) -> TaskExecutionRecord? in
          try Self.bindExecution(statement, execution)
          try statement.bind(nodeID, at: 5)
          try statement.bind(task.project, at: 6)
          try statement.bind(task.domain, at: 7)
          try statement.bind(task.name, at: 8)
          try statement.bind(task.version, at: 9)
          try statement.bind(Int64(retryAttempt), at: 10)
          return try statement.step() ? Self.task(statement) : nil
        }
      }
    } catch {
      throw error.admin
    }
  }

  public func taskExecutions(
    _ execution: EntityName, nodeID: String, _ query: ListQuery
  ) async throws(AdminError)
    -> Page<TaskExecutionRecord>
  {
    let operation = "list task executions"
    var clause = SQLiteListClause(columns: ExecutionEventColumns.task)
    clause.require(
      "org = ? AND project = ? AND domain = ? AND execution = ? AND node_id = ?",
      [.text(execution.org), .text(execution.project), .text(execution.domain), .text(execution.name), .text(nodeID)])
    try clause.add(query.filters, operation: operation)
    let order = try clause.orderSQL(query.sort, tieBreak: ExecutionEventColumns.taskTieBreak, operation: operation)
    let sql = "\(Self.taskSelect) \(clause.whereSQL) \(order) LIMIT ? OFFSET ?"
    do {
      let rows = try database.read { connection throws(StoreError) -> [TaskExecutionRecord] in
        try connection.withStatement(sql) { statement throws(StoreError) -> [TaskExecutionRecord] in
          try Self.bindPage(statement, clause, query)
          var rows: [TaskExecutionRecord] = []
          while try statement.step() { rows.append(Self.task(statement)) }
          return rows
        }
      }
      return Page(items: rows, of: query)
    } catch {
      throw error.admin
    }
  }

  // MARK: Rows

  static func bindExecution(_ statement: SQLiteStatement, _ execution: EntityName) throws(StoreError) {
    try statement.bind(execution.org, at: 1)
    try statement.bind(execution.project, at: 2)
    try statement.bind(execution.domain, at: 3)
    try statement.bind(execution.name, at: 4)
  }

  static func upsert(_ node: NodeExecutionRecord, _ connection: SQLiteConnection) throws(StoreError) {
    try connection.withStatement(
      """
      INSERT OR REPLACE INTO admin_node_executions
        (org, project, domain, execution, node_id, parent_node_id, phase, created_at, updated_at, message)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """
    ) { statement throws(StoreError) in
      try bindExecution(statement, node.execution)
      try statement.bind(node.nodeID, at: 5)
      try statement.bind(node.parentNodeID, at: 6)
      try statement.bind(Int64(node.phase), at: 7)
      try statement.bind(microseconds(node.createdAt), at: 8)
      try statement.bind(microseconds(node.updatedAt), at: 9)
      try statement.bind(node.message, at: 10)
      try statement.run()
    }
  }

  static func upsert(_ task: TaskExecutionRecord, _ connection: SQLiteConnection) throws(StoreError) {
    try connection.withStatement(
      """
      INSERT OR REPLACE INTO admin_task_executions
        (org, project, domain, execution, node_id, task_project, task_domain, task_name, task_version, retry_attempt,
         phase, created_at, updated_at, message)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """
    ) { statement throws(StoreError) in
      try bindExecution(statement, task.execution)
      try statement.bind(task.nodeID, at: 5)
      try statement.bind(task.task.project, at: 6)
      try statement.bind(task.task.domain, at: 7)
      try statement.bind(task.task.name, at: 8)
      try statement.bind(task.task.version, at: 9)
      try statement.bind(Int64(task.retryAttempt), at: 10)
      try statement.bind(Int64(task.phase), at: 11)
      try statement.bind(microseconds(task.createdAt), at: 12)
      try statement.bind(microseconds(task.updatedAt), at: 13)
      try statement.bind(task.message, at: 14)
      try statement.run()
    }
  }

  static func node(_ statement: SQLiteStatement) -> NodeExecutionRecord {
    NodeExecutionRecord(
      execution: EntityName(
        org: statement.text(0), project: statement.text(1), domain: statement.text(2), name: statement.text(3)),
      nodeID: statement.text(4), parentNodeID: statement.text(5), phase: Int(statement.int64(6)),
      createdAt: date(microseconds: statement.int64(7)), updatedAt: date(microseconds: statement.int64(8)),
      message: statement.data(9))
  }

  static func task(_ statement: SQLiteStatement) -> TaskExecutionRecord {
    TaskExecutionRecord(
      execution: EntityName(
        org: statement.text(0), project: statement.text(1), domain: statement.text(2), name: statement.text(3)),
      nodeID: statement.text(4),
      task: EntityKey(
        project: statement.text(5), domain: statement.text(6), name: statement.text(7), version: statement.text(8)),
      retryAttempt: UInt32(clamping: statement.int64(9)), phase: Int(statement.int64(10)),
      createdAt: date(microseconds: statement.int64(11)), updatedAt: date(microseconds: statement.int64(12)),
      message: statement.data(13))
  }
}
