import Foundation
import PostgresNIO
public import VaneModel

extension PostgresAdminStore: ExecutionEventStore {
  static let eventTextColumns: Set<String> = ["node_id", "task_name"]
  static let nodeSelect =
    "SELECT org, project, domain, execution, node_id, parent_node_id, phase, created_at, updated_at, message FROM admin_node_executions"
  static let taskSelect = """
    SELECT org, project, domain, execution, node_id, task_project, task_domain, task_name, task_version, retry_attempt,
    phase, created_at, updated_at, message FROM admin_task_executions
    """
  typealias NodeRow = (String, String, String, String, String, String, Int64, Int64, Int64, Data)
  typealias TaskRow = (
    String, String, String, String, String, String, String, String, String, Int64, Int64, Int64, Int64, Data
  )

  static let nodeUpsert = PostgresUpsert(
    table: "admin_node_executions",
    columns: [
      "org", "project", "domain", "execution", "node_id", "parent_node_id", "phase", "created_at", "updated_at",
      "message",
    ], key: ["org", "project", "domain", "execution", "node_id"])
  static let taskUpsert = PostgresUpsert(
    table: "admin_task_executions",
    columns: [
      "org", "project", "domain", "execution", "node_id", "task_project", "task_domain", "task_name", "task_version",
      "retry_attempt", "phase", "created_at", "updated_at", "message",
    ],
    key: [
      "org", "project", "domain", "execution", "node_id", "task_project", "task_domain", "task_name", "task_version",
      "retry_attempt",
    ])

  public func feedPosition(_ feed: String) async throws(AdminError) -> Int64 {
    let (client, logger) = (self.client, self.logger)
    return try await perform("read the position of feed \(feed)") {
      let rows = try await client.query(
        "SELECT position FROM admin_feed_positions WHERE feed = \(feed)", logger: logger)
      for try await position in rows.decode(Int64.self) { return position }
      return 0
    }
  }

  public func apply(_ batch: EventBatch) async throws(AdminError) {
    let (client, logger) = (self.client, self.logger)
    try await perform("apply events of feed \(batch.feed) up to \(batch.position)") {
      let statements =
        try Self.nodeUpsert.queries(batch.nodes, identity: Self.identity, bind: Self.bind)
        + Self.taskUpsert.queries(batch.tasks, identity: Self.identity, bind: Self.bind)
      try await client.withTransaction(logger: logger) { connection in
        for statement in statements { try await connection.query(statement, logger: logger) }
        try await connection.query(
          """
          INSERT INTO admin_feed_positions (feed, position) VALUES (\(batch.feed), \(batch.position))
          ON CONFLICT (feed) DO UPDATE SET position = EXCLUDED.position
          """, logger: logger)
      }
    }
  }

  public func nodeExecution(_ execution: EntityName, nodeID: String) async throws(AdminError) -> NodeExecutionRecord? {
    var bindings = Self.nameBindings(execution)
    bindings.append(nodeID)
    let query = PostgresQuery(
      unsafeSQL: Self.nodeSelect
        + " WHERE org = $1 AND project = $2 AND domain = $3 AND execution = $4 AND node_id = $5",
      binds: bindings)
    let (client, logger) = (self.client, self.logger)
    return try await perform("read node execution \(execution.name)/\(nodeID)") {
      for try await row in try await client.query(query, logger: logger).decode(NodeRow.self) { return Self.node(row) }
      return nil
    }
  }

  public func nodeExecutions(
    _ execution: EntityName, parentNodeID: String, _ query: ListQuery
  ) async throws(AdminError)
    -> Page<NodeExecutionRecord>
  {
    let operation = "list node executions"
    var clause = Self.executionClause(execution, columns: ExecutionEventColumns.node)
    clause.require("parent_node_id", equals: parentNodeID)
    try clause.add(query.filters, operation: operation)
    let order = try clause.orderSQL(
      query.sort, tieBreak: ExecutionEventColumns.nodeTieBreak, textColumns: Self.eventTextColumns,
      operation: operation)
    let statement = clause.pageQuery("\(Self.nodeSelect) \(clause.whereSQL) \(order)", query)
    let (client, logger) = (self.client, self.logger)
    let items = try await perform(operation) {
      var items: [NodeExecutionRecord] = []
      for try await row in try await client.query(statement, logger: logger).decode(NodeRow.self) {
        items.append(Self.node(row))
      }
      return items
    }
    return Page(items: items, of: query)
  }

  public func taskExecution(
    _ execution: EntityName, nodeID: String, task: EntityKey, retryAttempt: UInt32
  ) async throws(AdminError) -> TaskExecutionRecord? {
    var bindings = Self.nameBindings(execution)
    for part in [nodeID, task.project, task.domain, task.name, task.version] { bindings.append(part) }
    bindings.append(Int64(retryAttempt))
    let query = PostgresQuery(
      unsafeSQL: Self.taskSelect + """
         WHERE org = $1 AND project = $2 AND domain = $3 AND execution = $4 AND node_id = $5 AND task_project = $6
        AND task_domain = $7 AND task_name = $8 AND task_version = $9 AND retry_attempt = $10
        """, binds: bindings)
    let (client, logger) = (self.client, self.logger)
    return try await perform("read task execution \(execution.name)/\(nodeID)/\(task)/\(retryAttempt)") {
      for try await row in try await client.query(query, logger: logger).decode(TaskRow.self) { return Self.task(row) }
      return nil
    }
  }

  public func taskExecutions(
    _ execution: EntityName, nodeID: String, _ query: ListQuery
  ) async throws(AdminError)
    -> Page<TaskExecutionRecord>
  {
    let operation = "list task executions"
    var clause = Self.executionClause(execution, columns: ExecutionEventColumns.task)
    clause.require("node_id", equals: nodeID)
    try clause.add(query.filters, operation: operation)
    let order = try clause.orderSQL(
      query.sort, tieBreak: ExecutionEventColumns.taskTieBreak, textColumns: Self.eventTextColumns,
      operation: operation)
    let statement = clause.pageQuery("\(Self.taskSelect) \(clause.whereSQL) \(order)", query)
    let (client, logger) = (self.client, self.logger)
    let items = try await perform(operation) {
      var items: [TaskExecutionRecord] = []
      for try await row in try await client.query(statement, logger: logger).decode(TaskRow.self) {
        items.append(Self.task(row))
      }
      return items
    }
    return Page(items: items, of: query)
  }

  // MARK: Rows

  static func executionClause(_ execution: EntityName, columns: [ListField: String]) -> PostgresListClause {
    var clause = PostgresListClause(columns: columns)
    clause.require("org", equals: execution.org)
    clause.require("project", equals: execution.project)
    clause.require("domain", equals: execution.domain)
    clause.require("execution", equals: execution.name)
    return clause
  }

  static func identity(_ node: NodeExecutionRecord) -> [String] {
    let execution = node.execution
    return [execution.org, execution.project, execution.domain, execution.name, node.nodeID]
  }

  static func identity(_ task: TaskExecutionRecord) -> [String] {
    let execution = task.execution
    return [
      execution.org, execution.project, execution.domain, execution.name, task.nodeID, task.task.project,
      task.task.domain, task.task.name, task.task.version, String(task.retryAttempt),
    ]
  }

  static func bind(_ node: NodeExecutionRecord, _ bindings: inout PostgresBindings) throws {
    let execution = node.execution
    for part in [execution.org, execution.project, execution.domain, execution.name, node.nodeID, node.parentNodeID] {
      bindings.append(part)
    }
    bindings.append(Int64(node.phase))
    bindings.append(microseconds(node.createdAt))
    bindings.append(microseconds(node.updatedAt))
    try bindings.append(node.message)
  }

  static func bind(_ task: TaskExecutionRecord, _ bindings: inout PostgresBindings) throws {
    for part in identity(task).dropLast() { bindings.append(part) }
    bindings.append(Int64(task.retryAttempt))
    bindings.append(Int64(task.phase))
    bindings.append(microseconds(task.createdAt))
    bindings.append(microseconds(task.updatedAt))
    try bindings.append(task.message)
  }

  static func node(_ row: NodeRow) -> NodeExecutionRecord {
    let (org, project, domain, execution, nodeID, parentNodeID, phase, created, updated, message) = row
    return NodeExecutionRecord(
      execution: EntityName(org: org, project: project, domain: domain, name: execution), nodeID: nodeID,
      parentNodeID: parentNodeID, phase: Int(phase), createdAt: date(microseconds: created),
      updatedAt: date(microseconds: updated), message: message)
  }

  static func task(_ row: TaskRow) -> TaskExecutionRecord {
    let (org, project, domain, execution, nodeID, taskProject, taskDomain, taskName, taskVersion) =
      (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8)
    return TaskExecutionRecord(
      execution: EntityName(org: org, project: project, domain: domain, name: execution), nodeID: nodeID,
      task: EntityKey(project: taskProject, domain: taskDomain, name: taskName, version: taskVersion),
      retryAttempt: UInt32(clamping: row.9), phase: Int(row.10), createdAt: date(microseconds: row.11),
      updatedAt: date(microseconds: row.12), message: row.13)
  }
}
