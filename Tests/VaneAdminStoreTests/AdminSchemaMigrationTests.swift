import Foundation
import Testing
import VaneModel

@testable import VaneAdminStore

/// Migrating a database written by an earlier Vane, against SQLite and PostgreSQL.
@Suite struct AdminSchemaMigrationTests {
  /// `admin_executions` as schema versions 1 and 2 created it.
  static let executionsBeforeVersion3 = SQLTable(
    "admin_executions",
    AdminTables.named.map(SQLColumn.text) + [
      .text("launch_plan"), .text("workflow"), .integer("created_at"), .blob("spec"),
    ],
    primaryKey: AdminTables.named)

  @Test(arguments: StoreUnderTest.allCases)
  func version2GainsNamedEntitiesAndExecutionStatesKeepingItsExecutions(store kind: StoreUnderTest) async throws {
    try await kind.withReopening { store, reopen in
      try await store.prepare()
      let dialect = store.database.dialect
      // Turn the new database back into a version 2 one holding one execution.
      let old =
        [
          SQLStatement("DROP TABLE \(AdminTables.matchableAttributes.name)"),
          SQLStatement("DROP TABLE \(AdminTables.namedEntities.name)"),
          SQLStatement("DROP TABLE \(AdminTables.executions.name)"),
        ] + Self.executionsBeforeVersion3.create(in: dialect) + [
          SQLStatement(
            "INSERT INTO admin_executions (org, project, domain, name, launch_plan, workflow, created_at, spec) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
              .text(""), .text("p"), .text("d"), .text("old"), .text(""), .text("p:d:wf:v1"), .integer(5),
              .blob(Data("s".utf8)),
            ]),
          SQLStatement(
            "UPDATE \(dialect.versionTable) SET version = ? WHERE component = ?", [.integer(2), .text("admin")]),
        ]
      try await store.database.transaction(.sequence(old) { .done(()) }, operation: "test")

      try await reopen()
      let name = EntityName(project: "p", domain: "d", name: "old")
      let migrated = try #require(try await store.execution(name))
      #expect(migrated.workflow == "p:d:wf:v1")
      #expect(migrated.spec == Data("s".utf8))
      #expect(migrated.state == 0)
      #expect(migrated.stateChangedAt == nil)
      try await store.setExecutionState(name, state: 1, by: "me", at: Date(timeIntervalSince1970: 9))
      #expect(try await store.execution(name)?.state == 1)
      _ = try await store.register(AdminStoreContractTests.entity("t"))
      try await store.updateNamedEntity(
        NamedEntityRecord(kind: .task, name: EntityName(project: "p", domain: "d", name: "t"), state: 1),
        at: Date(timeIntervalSince1970: 9))
      #expect(try await store.namedEntity(.task, EntityName(project: "p", domain: "d", name: "t"))?.state == 1)
      let version = SQLStatement(
        "SELECT version FROM \(dialect.versionTable) WHERE component = ?", [.text("admin")],
        returning: [.integer("version")])
      #expect(try await store.database.read(version, operation: "test").first?.integer("version") == AdminSchema.latest)
    }
  }

  @Test(arguments: StoreUnderTest.allCases)
  func version3GainsMatchableAttributesKeepingItsNamedEntities(store kind: StoreUnderTest) async throws {
    try await kind.withReopening { store, reopen in
      try await store.prepare()
      let dialect = store.database.dialect
      _ = try await store.register(AdminStoreContractTests.entity("t"))
      let name = EntityName(project: "p", domain: "d", name: "t")
      try await store.updateNamedEntity(
        NamedEntityRecord(kind: .task, name: name, description: "kept"), at: Date(timeIntervalSince1970: 9))
      // Turn the new database back into a version 3 one.
      let old = [
        SQLStatement("DROP TABLE \(AdminTables.matchableAttributes.name)"),
        SQLStatement(
          "UPDATE \(dialect.versionTable) SET version = ? WHERE component = ?", [.integer(3), .text("admin")]),
      ]
      try await store.database.transaction(.sequence(old) { .done(()) }, operation: "test")

      try await reopen()
      #expect(try await store.namedEntity(.task, name)?.description == "kept")
      let scope = MatchableScope(project: "p", domain: "d")
      let record = MatchableAttributeRecord(scope: scope, resourceType: 8, attributes: Data("a".utf8))
      try await store.updateMatchableAttribute(record, at: Date(timeIntervalSince1970: 9))
      #expect(try await store.matchableAttribute(scope, resourceType: 8) == record)
      let version = SQLStatement(
        "SELECT version FROM \(dialect.versionTable) WHERE component = ?", [.text("admin")],
        returning: [.integer("version")])
      #expect(try await store.database.read(version, operation: "test").first?.integer("version") == 4)
    }
  }
}
