import Foundation
import Testing
import VaneModel

@testable import VaneAdminStore

/// The admin schema's versioning, against SQLite and PostgreSQL: reopening migrates nothing
/// and keeps the data; a database written by a newer Vane is refused, naming it.
@Suite struct AdminSchemaTests {
  @Test(arguments: StoreUnderTest.allCases)
  func reopeningKeepsDataAndANewerSchemaIsRefused(store kind: StoreUnderTest) async throws {
    try await kind.withReopening { store, reopen in
      let project = ProjectRecord(id: "kept", project: Data("p".utf8), createdAt: Date(timeIntervalSince1970: 1))
      try await store.registerProject(project)
      try await reopen()
      #expect(try await store.projects() == [project])

      let versionTable = store.database.dialect.versionTable
      let bump = SQLStatement(
        "UPDATE \(versionTable) SET version = ? WHERE component = ?", [.integer(99), .text("admin")])
      try await store.database.transaction(.sequence([bump]) { .done(()) }, operation: "test")
      let error = await #expect(throws: AdminError.self) { try await reopen() }
      #expect(error?.code == .internalError)
      #expect(error?.message.contains("version 99") == true)
      #expect(error?.message.contains(store.database.place) == true, "names the database")
      // The refused migration changed nothing.
      #expect(try await store.projects() == [project])
    }
  }

  @Test func everyTableIsCreatedByExactlyOneStep() {
    let created = AdminSchema.steps.flatMap { $0.tables.map(\.name) }
    #expect(Set(created).count == created.count)
    #expect(AdminSchema.latest == AdminSchema.steps.last?.version)
  }

  @Test(arguments: [SQLDialect.sqlite, .postgres])
  func tablesAreSpelledForTheDialect(dialect: SQLDialect) {
    let sql = AdminTables.entities.create(in: dialect).map(\.sql)
    #expect(sql.count == 2, "the table and its index")
    let table = sql[0]
    #expect(table.hasPrefix("CREATE TABLE admin_entities (kind \(dialect == .sqlite ? "INTEGER" : "BIGINT") NOT NULL"))
    #expect(table.contains("spec \(dialect == .sqlite ? "BLOB" : "BYTEA") NOT NULL"))
    #expect(table.contains("state \(dialect.typeName(.integer)) NOT NULL DEFAULT 0"))
    #expect(table.hasSuffix("PRIMARY KEY (kind, org, project, domain, name, version))"))
    #expect(sql[1] == "CREATE INDEX admin_entities_by_time ON admin_entities (kind, project, domain, created_at)")
  }
}
