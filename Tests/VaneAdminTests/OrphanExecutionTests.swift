import FlyteIDL
import Foundation
import Testing
import VaneAdminStore
import VaneData
import VaneEngine
import VaneModel
import VaneStore

@testable import VaneAdmin

/// An execution is recorded (claiming its name) before the engine receives it (issue #9). A
/// start the engine refuses takes the record back at once; one cut short by a crash leaves an
/// orphan record that the next start removes, so no listing shows an execution that never runs
/// and its name is free again.
@Suite struct OrphanExecutionTests {
  struct Fixture {
    let engine: Engine
    let admin: SQLAdminStore
    let manager: ExecutionManager
  }

  func withFixture(_ body: (Fixture) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vane-orphan-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let database = try SQLiteDatabase(path: directory + "/vane.db")
    defer { database.close() }
    let store = try SQLiteResourceStore(database: database)
    let engine = Engine(
      store: store,
      environment: EngineEnvironment(
        dataStore: LocalDataStore(root: directory), layout: DataLayout(dataDirectory: DataURI(filePath: directory)),
        plugins: try PluginRegistry.Builder().build(), keyValues: try SQLiteKeyValueStore(database: database)))
    let admin = try SQLAdminStore(sqlite: database)
    try await body(Fixture(engine: engine, admin: admin, manager: ExecutionManager(store: admin, engine: engine)))
  }

  static func spec(_ name: String) -> Vane_ExecutionSpec {
    var spec = Vane_ExecutionSpec()
    spec.id.project = "flytesnacks"
    spec.id.domain = "development"
    spec.id.name = name
    return spec
  }

  static func record(_ name: String, at seconds: TimeInterval) -> ExecutionRecord {
    ExecutionRecord(
      name: EntityName(project: "flytesnacks", domain: "development", name: name), launchPlan: "", workflow: "",
      spec: Data(), createdAt: Date(timeIntervalSince1970: seconds))
  }

  @Test func aStartTheEngineRefusesTakesItsRecordBack() async throws {
    try await withFixture { fixture in
      // The engine already holds an execution under this name (say, one `vane run` made).
      _ = try await fixture.engine.create(Self.spec("taken"))
      let record = Self.record("taken", at: 1_700_000_000)
      await #expect(throws: AdminError.self) {
        try await fixture.manager.start(Self.spec("taken"), record: record, labels: [:])
      }
      #expect(try await fixture.admin.execution(record.name) == nil)
    }
  }

  @Test func theNextStartRemovesRecordsTheEngineNeverReceived() async throws {
    try await withFixture { fixture in
      let orphan = Self.record("orphan", at: 1_700_000_000)
      let started = Self.record("started", at: 1_700_000_001)
      let recent = Self.record("recent", at: 1_700_000_100)
      for record in [orphan, started, recent] { try await fixture.admin.recordExecution(record) }
      _ = try await fixture.engine.create(Self.spec("started"))

      // `recent` was made after this process started: its creation may still be under way.
      let cutoff = Date(timeIntervalSince1970: 1_700_000_050)
      #expect(try await fixture.manager.removeOrphans(createdBefore: cutoff) == [orphan.name])
      #expect(try await fixture.admin.execution(orphan.name) == nil)
      #expect(try await fixture.admin.execution(started.name) != nil)
      #expect(try await fixture.admin.execution(recent.name) != nil)

      // The next start looks only at records made since: `recent`, still never received.
      let later = Date(timeIntervalSince1970: 1_700_000_200)
      #expect(try await fixture.manager.removeOrphans(createdBefore: later) == [recent.name])
      #expect(try await fixture.admin.execution(started.name) != nil)
      // The name is free again.
      try await fixture.admin.recordExecution(orphan)
    }
  }
}
