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

/// SignalService's logic over the key-value records gate nodes write.
@Suite struct SignalDirectoryTests {
  /// What a gate node records when it starts waiting (`SignalStore`'s request record).
  struct Request: Codable {
    var node: String
    var type: Data
    var approval: Bool
  }

  func withDirectory(
    _ body: (SignalDirectory, Flyteidl_Core_WorkflowExecutionIdentifier) async throws -> Void
  )
    async throws
  {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vane-sig-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = try SQLiteResourceStore(database: SQLiteDatabase(path: directory + "/vane.db"))
    let keyValues = MemoryKeyValueStore()
    let engine = Engine(
      store: store,
      environment: EngineEnvironment(
        dataStore: LocalDataStore(root: directory), layout: DataLayout(dataDirectory: DataURI(filePath: directory)),
        plugins: try PluginRegistry.Builder().build(), keyValues: keyValues))
    let admin = try SQLAdminStore(sqlite: store.database)
    var id = Flyteidl_Core_WorkflowExecutionIdentifier()
    id.project = "flytesnacks"
    id.domain = "development"
    id.name = "gated1"
    try await admin.recordExecution(
      ExecutionRecord(
        name: EntityName(project: id.project, domain: id.domain, name: id.name), launchPlan: "", workflow: "",
        spec: Data(), createdAt: Date()))
    var integer = Flyteidl_Core_LiteralType()
    integer.simple = .integer
    let request = Request(node: "n1", type: try integer.serializedBytes(), approval: false)
    _ = try await keyValues.putIfAbsent(
      SignalStore.requests, "flytesnacks/development/gated1/bonus", try JSONEncoder().encode(request))
    try await body(SignalDirectory(executions: admin, engine: engine), id)
  }

  static func literal(_ value: Int64) -> Flyteidl_Core_Literal {
    var literal = Flyteidl_Core_Literal()
    literal.scalar.primitive.integer = value
    return literal
  }

  static func code(_ body: () async throws -> Void) async -> AdminError.Code? {
    do {
      try await body()
      return nil
    } catch let error as AdminError {
      return error.code
    } catch {
      return .internalError
    }
  }

  @Test func listsSetsOnceAndChecksTypes() async throws {
    try await withDirectory { signals, execution in
      var list = Flyteidl_Admin_SignalListRequest()
      list.workflowExecutionID = execution
      list.limit = 10
      let pending = try await signals.list(list)
      #expect(pending.signals.map(\.id.signalID) == ["bonus"])
      #expect(!pending.signals[0].hasValue)
      #expect(pending.signals[0].type.simple == .integer)

      var set = Flyteidl_Admin_SignalSetRequest()
      set.id.executionID = execution
      set.id.signalID = "bonus"
      set.value.scalar.primitive.stringValue = "seven"
      #expect(await Self.code { try await signals.set(set) } == .invalidArgument)
      set.value = Self.literal(7)
      try await signals.set(set)
      #expect(await Self.code { try await signals.set(set) } == .alreadyExists)
      #expect(try await signals.list(list).signals.first?.value == Self.literal(7))

      set.id.signalID = "other"
      #expect(await Self.code { try await signals.set(set) } == .notFound)
      set.id.executionID.name = "missing"
      #expect(await Self.code { try await signals.set(set) } == .notFound)
      list.limit = 0
      #expect(await Self.code { _ = try await signals.list(list) } == .invalidArgument)
    }
  }
}
