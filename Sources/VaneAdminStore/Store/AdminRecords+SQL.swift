import Foundation
import VaneModel

// Each record as a row of its table (values in the table's column order) and back: the one
// place a record meets SQL.

extension RegisteredEntity {
  var row: [SQLValue] {
    [.integer(Int64(kind.rawValue))] + key.named + [
      .text(key.version), .integer(microseconds(createdAt)), .integer(microseconds(updatedAt)),
      .integer(Int64(state)), .blob(spec), .blob(closure),
    ]
  }

  init(_ row: SQLRow) throws(AdminError) {
    guard let kind = EntityKind(rawValue: Int(row.integer("kind"))) else {
      throw AdminError(.internalError, "unknown entity kind \(row.integer("kind"))", at: "read admin entity")
    }
    self.init(
      kind: kind,
      key: EntityKey(
        project: row.text("project"), domain: row.text("domain"), name: row.text("name"),
        version: row.text("version"), org: row.text("org")),
      spec: row.blob("spec"), closure: row.blob("closure"), state: Int(row.integer("state")),
      createdAt: row.date("created_at"), updatedAt: row.date("updated_at"))
  }
}

extension ProjectRecord {
  var row: [SQLValue] { [.text(org), .text(id), .integer(microseconds(createdAt)), .blob(project)] }

  init(_ row: SQLRow) {
    self.init(org: row.text("org"), id: row.text("id"), project: row.blob("project"), createdAt: row.date("created_at"))
  }
}

extension ExecutionRecord {
  var row: [SQLValue] {
    name.values + [
      .text(launchPlan), .text(workflow), .integer(microseconds(createdAt)), .blob(spec), .integer(Int64(state)),
      .integer(stateChangedAt.map(microseconds) ?? 0), .text(stateChangedBy),
    ]
  }

  init(_ row: SQLRow) {
    let changedAt = row.integer("state_changed_at")
    self.init(
      name: EntityName(row, nameColumn: "name"), launchPlan: row.text("launch_plan"), workflow: row.text("workflow"),
      spec: row.blob("spec"), createdAt: row.date("created_at"), state: Int(row.integer("state")),
      stateChangedAt: changedAt == 0 ? nil : date(microseconds: changedAt), stateChangedBy: row.text("state_principal"))
  }
}

extension NamedEntityRecord {
  func row(at time: Date) -> [SQLValue] {
    [.integer(Int64(kind.rawValue))] + name.values + [
      .text(description), .integer(Int64(state)), .integer(microseconds(time)),
    ]
  }

  init(_ row: SQLRow, kind: EntityKind) {
    self.init(
      kind: kind, name: EntityName(row, nameColumn: "name"), description: row.text("description"),
      state: Int(row.integer("state")))
  }
}

extension NodeExecutionRecord {
  var row: [SQLValue] {
    execution.values + [
      .text(nodeID), .text(parentNodeID), .integer(Int64(phase)), .integer(microseconds(createdAt)),
      .integer(microseconds(updatedAt)), .blob(message),
    ]
  }

  init(_ row: SQLRow) {
    self.init(
      execution: EntityName(row, nameColumn: "execution"), nodeID: row.text("node_id"),
      parentNodeID: row.text("parent_node_id"), phase: Int(row.integer("phase")), createdAt: row.date("created_at"),
      updatedAt: row.date("updated_at"), message: row.blob("message"))
  }
}

extension TaskExecutionRecord {
  /// The values of `AdminTables.taskAttempt`, the key of an attempt.
  static func attempt(
    _ execution: EntityName, nodeID: String, task: EntityKey, retryAttempt: UInt32
  ) -> [SQLValue] {
    execution.values + [
      .text(nodeID), .text(task.project), .text(task.domain), .text(task.name), .text(task.version),
      .integer(Int64(retryAttempt)),
    ]
  }

  var row: [SQLValue] {
    Self.attempt(execution, nodeID: nodeID, task: task, retryAttempt: retryAttempt) + [
      .integer(Int64(phase)), .integer(microseconds(createdAt)), .integer(microseconds(updatedAt)), .blob(message),
    ]
  }

  init(_ row: SQLRow) {
    self.init(
      execution: EntityName(row, nameColumn: "execution"), nodeID: row.text("node_id"),
      task: EntityKey(
        project: row.text("task_project"), domain: row.text("task_domain"), name: row.text("task_name"),
        version: row.text("task_version")),
      retryAttempt: UInt32(clamping: row.integer("retry_attempt")), phase: Int(row.integer("phase")),
      createdAt: row.date("created_at"), updatedAt: row.date("updated_at"), message: row.blob("message"))
  }
}

extension EntityName {
  /// Org, project, domain and name, as `AdminTables.named` (or `ofExecution`) orders them.
  var values: [SQLValue] { [.text(org), .text(project), .text(domain), .text(name)] }

  /// The name in a row whose last naming column is `nameColumn` (`name` or `execution`).
  init(_ row: SQLRow, nameColumn: String) {
    self.init(
      org: row.text("org"), project: row.text("project"), domain: row.text("domain"), name: row.text(nameColumn))
  }
}

extension EntityKey {
  /// Org, project, domain and name (no version), as `AdminTables.named` orders them.
  var named: [SQLValue] { [.text(org), .text(project), .text(domain), .text(name)] }
}

extension MatchableScope {
  /// The scope's columns of `AdminTables.matchableKey`, in order (without the type).
  var values: [SQLValue] { [org, project, domain, workflow, launchPlan].map(SQLValue.text) }
}

extension MatchableAttributeRecord {
  func row(at time: Date) -> [SQLValue] {
    scope.values + [.integer(Int64(resourceType)), .blob(attributes), .integer(microseconds(time))]
  }

  init(_ row: SQLRow) {
    self.init(
      scope: MatchableScope(
        org: row.text("org"), project: row.text("project"), domain: row.text("domain"),
        workflow: row.text("workflow"), launchPlan: row.text("launch_plan")),
      resourceType: Int(row.integer("resource_type")), attributes: row.blob("attributes"))
  }
}
