import Foundation
import VaneStore

extension SQLiteAdminStore {
  static let executionColumns: [ListField: String] = [
    .project: "project", .domain: "domain", .name: "name", .createdAt: "created_at",
  ]

  static let executionSelect =
    "SELECT org, project, domain, name, launch_plan, workflow, created_at, spec FROM admin_executions"

  public func recordExecution(_ execution: ExecutionRecord) async throws(AdminError) {
    let name = execution.name
    do {
      try database.write { connection throws(StoreError) in
        try connection.withStatement(
          """
          INSERT INTO admin_executions (org, project, domain, name, launch_plan, workflow, created_at, spec)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
          """
        ) { statement throws(StoreError) in
          try statement.bind(name.org, at: 1)
          try statement.bind(name.project, at: 2)
          try statement.bind(name.domain, at: 3)
          try statement.bind(name.name, at: 4)
          try statement.bind(execution.launchPlan, at: 5)
          try statement.bind(execution.workflow, at: 6)
          try statement.bind(microseconds(execution.createdAt), at: 7)
          try statement.bind(execution.spec, at: 8)
          try statement.run()
        }
        guard connection.changes == 1 else {
          throw StoreError(
            .alreadyExists, "an execution named '\(name.name)' exists already in \(name.project)/\(name.domain)",
            operation: "create execution")
        }
      }
    } catch {
      throw error.admin
    }
  }

  public func execution(_ name: EntityName) async throws(AdminError) -> ExecutionRecord? {
    do {
      return try database.read { connection throws(StoreError) -> ExecutionRecord? in
        try connection.withStatement(
          Self.executionSelect + " WHERE org = ? AND project = ? AND domain = ? AND name = ?"
        ) { statement throws(StoreError) -> ExecutionRecord? in
          try statement.bind(name.org, at: 1)
          try statement.bind(name.project, at: 2)
          try statement.bind(name.domain, at: 3)
          try statement.bind(name.name, at: 4)
          return try statement.step() ? Self.execution(statement) : nil
        }
      }
    } catch {
      throw error.admin
    }
  }

  public func executions(_ query: ListQuery) async throws(AdminError) -> Page<ExecutionRecord> {
    var clause = SQLiteListClause(columns: Self.executionColumns)
    try clause.add(query.filters, operation: "list executions")
    let order = try clause.orderSQL(query.sort, tieBreak: ["name"], operation: "list executions")
    let sql = "\(Self.executionSelect) \(clause.whereSQL) \(order) LIMIT ? OFFSET ?"
    do {
      let rows = try database.read { connection throws(StoreError) -> [ExecutionRecord] in
        try connection.withStatement(sql) { statement throws(StoreError) -> [ExecutionRecord] in
          try Self.bindPage(statement, clause, query)
          var rows: [ExecutionRecord] = []
          while try statement.step() { rows.append(Self.execution(statement)) }
          return rows
        }
      }
      return Page(items: rows, of: query)
    } catch {
      throw error.admin
    }
  }

  static func execution(_ statement: SQLiteStatement) -> ExecutionRecord {
    ExecutionRecord(
      name: EntityName(
        org: statement.text(0), project: statement.text(1), domain: statement.text(2), name: statement.text(3)),
      launchPlan: statement.text(4), workflow: statement.text(5), spec: statement.data(7),
      createdAt: date(microseconds: statement.int64(6)))
  }
}
