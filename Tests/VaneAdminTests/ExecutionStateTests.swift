import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneAdmin
import VaneAdminStore
import VaneData
import VaneEngine
import VaneModel
import VaneStore
import VaneTesting

/// UpdateExecution (archive / unarchive) and how ListExecutions and GetExecution show it,
/// over a real SQLite admin store and engine.
@Suite struct ExecutionStateTests {
  static let created = Date(timeIntervalSince1970: 1_700_000_000)
  static let changed = Date(timeIntervalSince1970: 1_700_000_600)

  func withManager(_ body: (ExecutionManager) async throws -> Void) async throws {
    let directory = try TemporaryDirectory("vane-exec-state")
    defer { directory.remove() }
    let store = try SQLiteResourceStore(database: SQLiteDatabase(path: directory.path + "/vane.db"))
    let engine = Engine(
      store: store,
      environment: EngineEnvironment(
        dataStore: LocalDataStore(root: directory.path),
        layout: DataLayout(dataDirectory: DataURI(filePath: directory.path)),
        plugins: try PluginRegistry.Builder().build(), keyValues: MemoryKeyValueStore()))
    let admin = try SQLAdminStore(sqlite: store.database)
    for (index, name) in ["e1", "e2", "e3"].enumerated() {
      var spec = Flyteidl_Admin_ExecutionSpec()
      spec.metadata.principal = "creator"
      try await admin.recordExecution(
        ExecutionRecord(
          name: EntityName(project: "flytesnacks", domain: "development", name: name), launchPlan: "",
          workflow: "flytesnacks:development:wf:v1", spec: try spec.serializedBytes(),
          createdAt: Self.created.addingTimeInterval(Double(index))))
    }
    try await body(ExecutionManager(store: admin, engine: engine, now: { Self.changed }))
  }

  static func id(_ name: String) -> Flyteidl_Core_WorkflowExecutionIdentifier {
    var id = Flyteidl_Core_WorkflowExecutionIdentifier()
    id.project = "flytesnacks"
    id.domain = "development"
    id.name = name
    return id
  }

  static func update(_ name: String, _ state: Flyteidl_Admin_ExecutionState) -> Flyteidl_Admin_ExecutionUpdateRequest {
    var request = Flyteidl_Admin_ExecutionUpdateRequest()
    request.id = id(name)
    request.state = state
    return request
  }

  static func list(filters: String = "") -> Flyteidl_Admin_ResourceListRequest {
    var request = Flyteidl_Admin_ResourceListRequest()
    request.id.project = "flytesnacks"
    request.id.domain = "development"
    request.limit = 10
    request.filters = filters
    return request
  }

  @Test func archivedExecutionsLeaveListingsUnlessAStateFilterAsks() async throws {
    try await withManager { manager in
      let before = try await manager.execution(Self.id("e2"))
      #expect(before.closure.stateChangeDetails.state == .executionActive)
      #expect(before.closure.stateChangeDetails.principal == "creator")
      #expect(before.closure.stateChangeDetails.occurredAt.date == Self.created.addingTimeInterval(1))

      let alice = Principal(subject: "alice", issuer: "vane", roles: ["flytesnacks": .write])
      try await RequestPrincipal.$current.withValue(alice) {
        try await manager.update(Self.update("e2", .executionArchived))
      }
      let after = try await manager.execution(Self.id("e2"))
      #expect(after.closure.stateChangeDetails.state == .executionArchived)
      #expect(after.closure.stateChangeDetails.principal == "alice")
      #expect(after.closure.stateChangeDetails.occurredAt.date == Self.changed)

      #expect(try await manager.list(Self.list()).executions.map(\.id.name) == ["e3", "e1"])
      let archived = try await manager.list(Self.list(filters: "eq(execution.state,1)"))
      #expect(archived.executions.map(\.id.name) == ["e2"])
      #expect(archived.executions.first?.closure.stateChangeDetails.state == .executionArchived)
      let either = try await manager.list(Self.list(filters: "value_in(state,0;1)"))
      #expect(either.executions.map(\.id.name) == ["e3", "e2", "e1"])

      try await manager.update(Self.update("e2", .executionActive))
      #expect(try await manager.list(Self.list()).executions.map(\.id.name) == ["e3", "e2", "e1"])
      #expect(try await manager.execution(Self.id("e2")).closure.stateChangeDetails.principal == "")
    }
  }

  @Test func updatesOfUnknownExecutionsOrStatesAreRefused() async throws {
    try await withManager { manager in
      let missing = await #expect(throws: AdminError.self) {
        try await manager.update(Self.update("nope", .executionArchived))
      }
      #expect(missing?.code == .notFound)
      var noName = Self.update("e1", .executionArchived)
      noName.id.name = ""
      let unnamed = await #expect(throws: AdminError.self) { try await manager.update(noName) }
      #expect(unnamed?.code == .invalidArgument)
      let unknown = await #expect(throws: AdminError.self) {
        try await manager.update(Self.update("e1", .UNRECOGNIZED(5)))
      }
      #expect(unknown?.code == .invalidArgument)
      #expect(unknown?.location == "state")
      let unchanged = try await manager.execution(Self.id("e1"))
      #expect(unchanged.closure.stateChangeDetails.state == .executionActive)
    }
  }
}
