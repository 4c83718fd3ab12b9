import FlyteIDL
import Foundation
import Logging
import SwiftProtobuf
import Testing
import VaneAdmin
import VaneAdminStore
import VaneData
import VaneEngine
import VaneModel
import VaneStore

/// `ListNodeExecutionsForTask`: the nodes of the subgraph one attempt of a dynamic task returned.
@Suite struct NodeExecutionsForTaskTests {
  static let execution = EventIngestionTests.execution
  static let key = EventIngestionTests.key

  /// A node event of `id` (spec id `spec`, under `parent`).
  static func node(_ id: String, spec: String, parent: String? = nil, at seconds: Int64) throws -> NewExecutionEvent {
    var event = Flyteidl_Event_NodeExecutionEvent()
    event.id.nodeID = id
    event.id.executionID.project = key.project
    event.id.executionID.domain = key.domain
    event.id.executionID.name = key.name
    event.phase = .running
    event.occurredAt = EventIngestionTests.time(seconds)
    event.specNodeID = spec
    event.retryGroup = "0"
    if let parent { event.parentNodeMetadata.nodeID = parent }
    return NewExecutionEvent(
      key: key, kind: .node, phase: Int32(event.phase.rawValue), occurredAt: event.occurredAt.date,
      payload: try event.serializedBytes())
  }

  /// A dynamic node `n0` that failed its first attempt and succeeded its second, each attempt
  /// with its own subgraph; a plain task node `n1`.
  static func events() throws -> [NewExecutionEvent] {
    [
      try node("n0", spec: "n0", at: 0),
      try EventIngestionTests.task("n0", attempt: 0, .running, at: 1),
      try node("n0-0-dn0", spec: "dn0", parent: "n0", at: 2),
      try EventIngestionTests.task("n0", attempt: 0, .retryableFailed, at: 3),
      try EventIngestionTests.task("n0", attempt: 1, .running, at: 4),
      try node("n0-1-dn0", spec: "dn0", parent: "n0", at: 5),
      try node("n0-1-dn1", spec: "dn1", parent: "n0", at: 6),
      // A child whose unique id is hashed (longer than 20 characters).
      try node(longID, spec: "a-rather-long-node-name", parent: "n0", at: 7),
      // A grandchild: it belongs to n0-1-dn1, not to the task.
      try node("n0-1-dn1-0-n0", spec: "n0", parent: "n0-1-dn1", at: 8),
      try node("n1", spec: "n1", at: 9),
      try EventIngestionTests.task("n1", attempt: 0, .running, at: 10),
    ]
  }

  static let longID = UniqueID.node("a-rather-long-node-name", parentUniqueID: "n0", parentAttempt: 1)

  func withReader(_ body: (NodeExecutionReader) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vane-fortask-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let database = try SQLiteDatabase(path: directory + "/vane.db")
    defer { database.close() }
    let engine = Engine(
      store: try SQLiteResourceStore(database: database),
      environment: EngineEnvironment(
        dataStore: LocalDataStore(root: directory), layout: DataLayout(dataDirectory: DataURI(filePath: directory)),
        plugins: try PluginRegistry.Builder().build(), keyValues: MemoryKeyValueStore()))
    let admin = try SQLAdminStore(sqlite: database)
    try await admin.recordExecution(
      ExecutionRecord(name: Self.execution, launchPlan: "", workflow: "", spec: Data(), createdAt: Date()))
    _ = try await SQLiteEventLog(database: database).append(try Self.events())
    let ingestion = EventIngestion(
      feed: SQLiteEventFeed(database: database), store: admin, children: nil, logger: Logger(label: "test"))
    try await body(NodeExecutionReader(store: admin, executions: admin, ingestion: ingestion, engine: engine))
  }

  static func request(
    node: String, attempt: UInt32, limit: UInt32 = 100
  ) -> Flyteidl_Admin_NodeExecutionForTaskListRequest {
    var request = Flyteidl_Admin_NodeExecutionForTaskListRequest()
    request.taskExecutionID.nodeExecutionID.executionID.project = key.project
    request.taskExecutionID.nodeExecutionID.executionID.domain = key.domain
    request.taskExecutionID.nodeExecutionID.executionID.name = key.name
    request.taskExecutionID.nodeExecutionID.nodeID = node
    request.taskExecutionID.taskID.resourceType = .task
    request.taskExecutionID.taskID.project = key.project
    request.taskExecutionID.taskID.domain = key.domain
    request.taskExecutionID.taskID.name = "wf.double"
    request.taskExecutionID.taskID.version = "v1"
    request.taskExecutionID.retryAttempt = attempt
    request.limit = limit
    return request
  }

  static func code(_ body: () async throws -> Void) async -> AdminError.Code? {
    do {
      try await body()
      return nil
    } catch let error as AdminError {
      return error.code
    } catch {
      return nil
    }
  }

  @Test func listsTheSubgraphOfEachAttempt() async throws {
    try await withReader { reader in
      let second = try await reader.nodesForTask(Self.request(node: "n0", attempt: 1))
      #expect(second.nodeExecutions.map(\.id.nodeID) == ["n0-1-dn0", "n0-1-dn1", Self.longID])
      #expect(second.token.isEmpty)
      let first = try await reader.nodesForTask(Self.request(node: "n0", attempt: 0))
      #expect(first.nodeExecutions.map(\.id.nodeID) == ["n0-0-dn0"])
      let plain = try await reader.nodesForTask(Self.request(node: "n1", attempt: 0))
      #expect(plain.nodeExecutions.isEmpty, "a task that is not dynamic started no nodes")
    }
  }

  @Test func pagesWithTokensAndFilters() async throws {
    try await withReader { reader in
      var seen: [String] = []
      var request = Self.request(node: "n0", attempt: 1, limit: 1)
      repeat {
        let page = try await reader.nodesForTask(request)
        #expect(page.nodeExecutions.count <= 1)
        seen += page.nodeExecutions.map(\.id.nodeID)
        request.token = page.token
      } while !request.token.isEmpty
      #expect(seen == ["n0-1-dn0", "n0-1-dn1", Self.longID])
      var filtered = Self.request(node: "n0", attempt: 1)
      filtered.filters = "eq(node_id,n0-1-dn1)"
      #expect(try await reader.nodesForTask(filtered).nodeExecutions.map(\.id.nodeID) == ["n0-1-dn1"])
    }
  }

  @Test func badRequestsGetTheRightCode() async throws {
    try await withReader { reader in
      #expect(await Self.code { _ = try await reader.nodesForTask(Self.request(node: "n0", attempt: 7)) } == .notFound)
      #expect(await Self.code { _ = try await reader.nodesForTask(Self.request(node: "nx", attempt: 0)) } == .notFound)
      var noTask = Self.request(node: "n0", attempt: 0)
      noTask.taskExecutionID.taskID.version = ""
      #expect(await Self.code { _ = try await reader.nodesForTask(noTask) } == .invalidArgument)
      #expect(
        await Self.code { _ = try await reader.nodesForTask(Flyteidl_Admin_NodeExecutionForTaskListRequest()) }
          == .invalidArgument)
      #expect(
        await Self.code { _ = try await reader.nodesForTask(Self.request(node: "n0", attempt: 0, limit: 0)) }
          == .invalidArgument)
      var otherExecution = Self.request(node: "n0", attempt: 0)
      otherExecution.taskExecutionID.nodeExecutionID.executionID.name = "nosuch"
      #expect(await Self.code { _ = try await reader.nodesForTask(otherExecution) } == .notFound)
      var badFilter = Self.request(node: "n0", attempt: 1)
      badFilter.filters = "equals(node_id,x)"
      #expect(await Self.code { _ = try await reader.nodesForTask(badFilter) } == .invalidArgument)
    }
  }
}
