import Foundation
import VaneStore

extension SQLiteAdminStore {
  public func registerProject(_ project: ProjectRecord) async throws(AdminError) {
    do {
      try database.write { connection throws(StoreError) in
        try connection.withStatement(
          "INSERT INTO admin_projects (org, id, created_at, project) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
        ) { statement throws(StoreError) in
          try statement.bind(project.org, at: 1)
          try statement.bind(project.id, at: 2)
          try statement.bind(microseconds(project.createdAt), at: 3)
          try statement.bind(project.project, at: 4)
          try statement.run()
        }
        guard connection.changes == 1 else {
          throw StoreError(
            .alreadyExists, "a project with id '\(project.id)' exists already", operation: "register project")
        }
      }
    } catch {
      throw error.admin
    }
  }

  public func updateProject(_ project: ProjectRecord) async throws(AdminError) {
    do {
      try database.write { connection throws(StoreError) in
        try connection.withStatement("UPDATE admin_projects SET project = ? WHERE org = ? AND id = ?") {
          statement throws(StoreError) in
          try statement.bind(project.project, at: 1)
          try statement.bind(project.org, at: 2)
          try statement.bind(project.id, at: 3)
          try statement.run()
        }
        guard connection.changes == 1 else {
          throw StoreError(.notFound, "no project has id '\(project.id)'", operation: "update project")
        }
      }
    } catch {
      throw error.admin
    }
  }

  public func projects() async throws(AdminError) -> [ProjectRecord] {
    do {
      return try database.read { connection throws(StoreError) -> [ProjectRecord] in
        try connection.withStatement("SELECT org, id, created_at, project FROM admin_projects ORDER BY org, id") {
          statement throws(StoreError) -> [ProjectRecord] in
          var rows: [ProjectRecord] = []
          while try statement.step() {
            rows.append(
              ProjectRecord(
                org: statement.text(0), id: statement.text(1), project: statement.data(3),
                createdAt: date(microseconds: statement.int64(2))))
          }
          return rows
        }
      }
    } catch {
      throw error.admin
    }
  }
}
