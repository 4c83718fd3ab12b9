import FlyteIDL
import Foundation
import Logging
import SwiftProtobuf
import Testing
import VaneAdmin
import VaneAdminStore
import VaneModel
import VaneStore

/// Node and task executions built from an engine event log in SQLite, as `vane serve` does.
@Suite struct EventIngestionTests {
  static let key = ResourceKey(project: "flytesnacks", domain: "development", name: "exec1")
  static let execution = EntityName(project: "flytesnacks", domain: "development", name: "exec1")

  static func time(_ seconds: Int64) -> Google_Protobuf_Timestamp {
    Google_Protobuf_Timestamp(seconds: 1_700_000_000 + seconds, nanos: 0)
  }

  static func node(
    _ id: String, _ phase: Flyteidl_Core_NodeExecution.Phase, at seconds: Int64, parent: String? = nil,
    output: String? = nil, child: String? = nil, subworkflow: Bool = false
  ) throws -> NewExecutionEvent {
    var event = Flyteidl_Event_NodeExecutionEvent()
    event.id.nodeID = id
    event.id.executionID.project = key.project
    event.id.executionID.domain = key.domain
    event.id.executionID.name = key.name
    event.phase = phase
    event.occurredAt = time(seconds)
    event.inputUri = "file:///data/\(id)/inputs.pb"
    event.specNodeID = String(id.split(separator: "-").last ?? "")
    event.retryGroup = "0"
    if let parent { event.parentNodeMetadata.nodeID = parent }
    if let output { event.outputUri = output }
    if let child {
      event.isParent = true
      event.targetEntity.resourceType = .launchPlan
      event.workflowNodeMetadata.executionID.name = child
    }
    if subworkflow {
      event.isParent = true
      event.targetEntity.resourceType = .workflow
    }
    return NewExecutionEvent(
      key: key, kind: .node, phase: Int32(phase.rawValue), occurredAt: time(seconds).date,
      payload: try event.serializedBytes())
  }

  static func task(
    _ node: String, attempt: UInt32, _ phase: Flyteidl_Core_TaskExecution.Phase, at seconds: Int64, log: String? = nil
  ) throws -> NewExecutionEvent {
    var event = Flyteidl_Event_TaskExecutionEvent()
    event.taskID.resourceType = .task
    event.taskID.project = key.project
    event.taskID.domain = key.domain
    event.taskID.name = "wf.double"
    event.taskID.version = "v1"
    event.parentNodeExecutionID.nodeID = node
    event.parentNodeExecutionID.executionID.project = key.project
    event.parentNodeExecutionID.executionID.domain = key.domain
    event.parentNodeExecutionID.executionID.name = key.name
    event.retryAttempt = attempt
    event.phase = phase
    event.occurredAt = time(seconds)
    event.reason = "\(phase)"
    if let log {
      var entry = Flyteidl_Core_TaskLog()
      entry.name = "stdout"
      entry.uri = log
      event.logs = [entry]
    }
    if phase == .retryableFailed { event.error.message = "boom" }
    return NewExecutionEvent(
      key: key, kind: .task, phase: Int32(phase.rawValue), occurredAt: time(seconds).date,
      payload: try event.serializedBytes())
  }

  func withStores(_ body: (SQLiteEventLog, SQLAdminStore, () -> EventIngestion) async throws -> Void) async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("vane-ingest-\(UUID().uuidString).db").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let database = try SQLiteDatabase(path: path)
    let log = try SQLiteEventLog(database: database)
    let store = try SQLAdminStore(sqlite: database)
    try await body(log, store) {
      EventIngestion(
        feed: SQLiteEventFeed(database: database), store: store, children: nil, batchSize: 3,
        logger: Logger(label: "test"))
    }
    database.close()
  }

  func nodes(_ store: SQLAdminStore, parent: String = "") async throws -> [Flyteidl_Admin_NodeExecution] {
    let page = try await store.nodeExecutions(
      Self.execution, parentNodeID: parent, ListQuery(sort: ListSort(field: .createdAt, ascending: true)))
    return try page.items.map { try Flyteidl_Admin_NodeExecution(serializedBytes: $0.message) }
  }

  @Test func buildsNodeAndTaskExecutionsFromEvents() async throws {
    try await withStores { log, store, ingestion in
      _ = try await log.append([
        try Self.node("n0", .queued, at: 0),
        try Self.node("n0", .running, at: 1),
        try Self.task("n0", attempt: 0, .running, at: 1, log: "file:///logs/0"),
        try Self.task("n0", attempt: 0, .retryableFailed, at: 2),
        try Self.task("n0", attempt: 1, .running, at: 3, log: "file:///logs/1"),
        try Self.task("n0", attempt: 1, .succeeded, at: 5),
        try Self.node("n0", .succeeded, at: 5, output: "file:///data/n0/1/outputs.pb"),
        try Self.node("n1", .running, at: 6, subworkflow: true),
        try Self.node("n1-0-n0", .running, at: 7, parent: "n1"),
        try Self.node("n2", .running, at: 8, child: "exec1-n2-0"),
      ])
      #expect(try await ingestion().drain() == 10)

      let top = try await nodes(store)
      #expect(top.map(\.id.nodeID) == ["n0", "n1", "n2"])
      let n0 = try #require(top.first)
      #expect(n0.closure.phase == .succeeded)
      #expect(n0.closure.startedAt == Self.time(1))
      #expect(n0.closure.duration == Google_Protobuf_Duration(seconds: 4))
      #expect(n0.closure.outputUri == "file:///data/n0/1/outputs.pb")
      #expect(n0.inputUri == "file:///data/n0/inputs.pb")
      #expect(!n0.metadata.isParentNode)
      #expect(top[1].metadata.isParentNode, "a subworkflow node is a parent")
      #expect(!top[2].metadata.isParentNode, "a launch-plan node is not a parent in Flyte's sense")
      #expect(top[2].closure.workflowNodeMetadata.executionID.name == "exec1-n2-0")
      #expect(try await nodes(store, parent: "n1").map(\.id.nodeID) == ["n1-0-n0"])

      let attempts = try await store.taskExecutions(
        Self.execution, nodeID: "n0", ListQuery(sort: ListSort(field: .retryAttempt, ascending: true)))
      let tasks = try attempts.items.map { try Flyteidl_Admin_TaskExecution(serializedBytes: $0.message) }
      #expect(tasks.map(\.closure.phase) == [.retryableFailed, .succeeded])
      #expect(tasks.map { $0.closure.logs.map(\.uri) } == [["file:///logs/0"], ["file:///logs/1"]])
      #expect(tasks[0].closure.error.message == "boom")
      #expect(tasks[1].closure.reasons.count == 2)
    }
  }

  @Test func aRestartAppliesOnlyWhatIsNew() async throws {
    try await withStores { log, store, ingestion in
      _ = try await log.append([try Self.node("n0", .queued, at: 0), try Self.node("n0", .running, at: 1)])
      #expect(try await ingestion().drain() == 2)
      // Events committed while the server was down are applied by the next one, once.
      _ = try await log.append([try Self.node("n0", .succeeded, at: 4), try Self.node("n1", .running, at: 5)])
      let restarted = ingestion()
      #expect(try await restarted.drain() == 2)
      #expect(try await restarted.drain() == 0)
      let top = try await nodes(store)
      #expect(top.map(\.closure.phase) == [.succeeded, .running])
      #expect(top[0].closure.startedAt == Self.time(1), "the start time survives the restart")
    }
  }

  @Test func aLateEventDoesNotUndoATerminalPhase() async throws {
    try await withStores { log, store, ingestion in
      _ = try await log.append([try Self.node("n0", .succeeded, at: 2), try Self.node("n0", .running, at: 3)])
      try await ingestion().drain()
      #expect(try await nodes(store).map(\.closure.phase) == [.succeeded])
    }
  }

  @Test func listingsFilterAndPage() async throws {
    try await withStores { log, store, ingestion in
      _ = try await log.append((0..<5).map { try! Self.node("n\($0)", $0 < 2 ? .succeeded : .running, at: Int64($0)) })
      try await ingestion().drain()
      let succeeded = try await store.nodeExecutions(
        Self.execution, parentNodeID: "",
        ListQuery(filters: [ListFilter(field: .phase, op: .equal, values: [.integer(3)])]))
      #expect(Set(succeeded.items.map(\.nodeID)) == ["n0", "n1"])
      let first = try await store.nodeExecutions(
        Self.execution, parentNodeID: "", ListQuery(sort: ListSort(field: .nodeID, ascending: true), limit: 3))
      #expect(first.items.map(\.nodeID) == ["n0", "n1", "n2"])
      let second = try await store.nodeExecutions(
        Self.execution, parentNodeID: "",
        ListQuery(sort: ListSort(field: .nodeID, ascending: true), limit: 3, offset: first.nextOffset ?? 0))
      #expect(second.items.map(\.nodeID) == ["n3", "n4"])
      #expect(second.nextOffset == nil)
    }
  }
}
