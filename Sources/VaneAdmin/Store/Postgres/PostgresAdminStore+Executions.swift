import Foundation
import PostgresNIO

extension PostgresAdminStore {
  static let executionColumns: [ListField: String] = [
    .project: "project", .domain: "domain", .name: "name", .createdAt: "created_at",
  ]
  static let executionSelect =
    "SELECT org, project, domain, name, launch_plan, workflow, created_at, spec FROM admin_executions"
  typealias ExecutionRow = (String, String, String, String, String, String, Int64, Data)

  public func recordExecution(_ execution: ExecutionRecord) async throws(AdminError) {
    let name = execution.name
    let operation = "create execution"
    let (client, logger) = (self.client, self.logger)
    try await perform(operation) {
      let inserted = try await client.query(
        """
        INSERT INTO admin_executions (org, project, domain, name, launch_plan, workflow, created_at, spec)
        VALUES (\(name.org), \(name.project), \(name.domain), \(name.name), \(execution.launchPlan),
          \(execution.workflow), \(Int64(microsecondsOf: execution.createdAt)), \(execution.spec))
        ON CONFLICT DO NOTHING RETURNING 1
        """, logger: logger)
      for try await _ in inserted.decode(Int32.self) { return }
      throw AdminError(
        .alreadyExists, "an execution named '\(name.name)' exists already in \(name.project)/\(name.domain)",
        at: operation)
    }
  }

  public func execution(_ name: EntityName) async throws(AdminError) -> ExecutionRecord? {
    let (client, logger) = (self.client, self.logger)
    return try await perform("read execution \(name.project):\(name.domain):\(name.name)") {
      let rows = try await client.query(
        PostgresQuery(
          unsafeSQL: Self.executionSelect + " WHERE org = $1 AND project = $2 AND domain = $3 AND name = $4",
          binds: Self.nameBindings(name)), logger: logger)
      for try await row in rows.decode(ExecutionRow.self) { return Self.execution(row) }
      return nil
    }
  }

  public func executions(_ query: ListQuery) async throws(AdminError) -> Page<ExecutionRecord> {
    let operation = "list executions"
    var clause = PostgresListClause(columns: Self.executionColumns)
    try clause.add(query.filters, operation: operation)
    let order = try clause.orderSQL(query.sort, tieBreak: ["name"], textColumns: Self.textColumns, operation: operation)
    let statement = clause.pageQuery("\(Self.executionSelect) \(clause.whereSQL) \(order)", query)
    let (client, logger) = (self.client, self.logger)
    let items = try await perform(operation) {
      var items: [ExecutionRecord] = []
      for try await row in try await client.query(statement, logger: logger).decode(ExecutionRow.self) {
        items.append(Self.execution(row))
      }
      return items
    }
    return Page(items: items, of: query)
  }

  static func execution(_ row: ExecutionRow) -> ExecutionRecord {
    let (org, project, domain, name, launchPlan, workflow, created, spec) = row
    return ExecutionRecord(
      name: EntityName(org: org, project: project, domain: domain, name: name), launchPlan: launchPlan,
      workflow: workflow, spec: spec, createdAt: date(microseconds: created))
  }
}
