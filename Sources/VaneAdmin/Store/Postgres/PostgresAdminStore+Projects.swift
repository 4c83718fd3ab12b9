import Foundation
import PostgresNIO

extension PostgresAdminStore {
  public func registerProject(_ project: ProjectRecord) async throws(AdminError) {
    let operation = "register project"
    let (client, logger) = (self.client, self.logger)
    try await perform(operation) {
      let inserted = try await client.query(
        """
        INSERT INTO admin_projects (org, id, created_at, project)
        VALUES (\(project.org), \(project.id), \(Int64(microsecondsOf: project.createdAt)), \(project.project))
        ON CONFLICT DO NOTHING RETURNING 1
        """, logger: logger)
      for try await _ in inserted.decode(Int32.self) { return }
      throw AdminError(.alreadyExists, "a project with id '\(project.id)' exists already", at: operation)
    }
  }

  public func updateProject(_ project: ProjectRecord) async throws(AdminError) {
    let operation = "update project"
    let (client, logger) = (self.client, self.logger)
    try await perform(operation) {
      let updated = try await client.query(
        "UPDATE admin_projects SET project = \(project.project) WHERE org = \(project.org) AND id = \(project.id) RETURNING 1",
        logger: logger)
      for try await _ in updated.decode(Int32.self) { return }
      throw AdminError(.notFound, "no project has id '\(project.id)'", at: operation)
    }
  }

  public func projects() async throws(AdminError) -> [ProjectRecord] {
    let (client, logger) = (self.client, self.logger)
    return try await perform("list projects") {
      let rows = try await client.query(
        "SELECT org, id, created_at, project FROM admin_projects ORDER BY org COLLATE \"C\", id COLLATE \"C\"",
        logger: logger)
      var projects: [ProjectRecord] = []
      for try await (org, id, created, project) in rows.decode((String, String, Int64, Data).self) {
        projects.append(ProjectRecord(org: org, id: id, project: project, createdAt: date(microseconds: created)))
      }
      return projects
    }
  }
}
