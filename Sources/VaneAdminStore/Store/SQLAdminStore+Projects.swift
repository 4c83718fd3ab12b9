extension SQLAdminStore {
  public func registerProject(_ project: ProjectRecord) async throws(AdminError) {
    try await insertOrFail(
      AdminTables.projects, project.row,
      taken: AdminError(.alreadyExists, "a project with id '\(project.id)' exists already", at: "register project"))
  }

  public func updateProject(_ project: ProjectRecord) async throws(AdminError) {
    let operation = "update project"
    let update = SQLStatement(
      "UPDATE \(AdminTables.projects.name) SET project = ? WHERE org = ? AND id = ? RETURNING 1 AS touched",
      [.blob(project.project), .text(project.org), .text(project.id)], returning: SQLStatement.touched)
    try await transaction(
      operation,
      .run(update) { (updated) throws(AdminError) in
        guard !updated.isEmpty else { throw AdminError(.notFound, "no project has id '\(project.id)'", at: operation) }
        return .done(())
      })
  }

  public func projects() async throws(AdminError) -> [ProjectRecord] {
    let order = ["org", "id"].map { database.dialect.orderTerm($0, .text, ascending: true) }
    let statement = AdminTables.projects.select("ORDER BY \(order.joined(separator: ", "))", [])
    return try await read("list projects", statement).map(ProjectRecord.init)
  }
}
