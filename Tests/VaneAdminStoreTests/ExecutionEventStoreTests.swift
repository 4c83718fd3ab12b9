import Foundation
import Testing
import VaneAdminStore
import VaneModel

/// The `ExecutionEventStore` and `ScheduleStore` contracts, run against SQLite and PostgreSQL
/// (a real server; see `PostgresTestCluster`), so both stores answer every call alike.
@Suite struct ExecutionEventStoreTests {
  static let t0 = Date(timeIntervalSince1970: 1_700_000_000)
  static let execution = EntityName(project: "p", domain: "d", name: "x1")
  static let task = EntityKey(project: "p", domain: "d", name: "wf.double", version: "v1")

  static func node(
    _ id: String, parent: String = "", phase: Int = 3, at offset: Double = 0, in execution: EntityName = execution
  ) -> NodeExecutionRecord {
    NodeExecutionRecord(
      execution: execution, nodeID: id, parentNodeID: parent, phase: phase, createdAt: t0.addingTimeInterval(offset),
      updatedAt: t0.addingTimeInterval(offset + 0.5), message: Data("node-\(id)-\(phase)".utf8))
  }

  static func attempt(_ node: String, _ attempt: UInt32, phase: Int = 3, at offset: Double = 0) -> TaskExecutionRecord {
    TaskExecutionRecord(
      execution: execution, nodeID: node, task: task, retryAttempt: attempt, phase: phase,
      createdAt: t0.addingTimeInterval(offset), updatedAt: t0.addingTimeInterval(offset + 0.25),
      message: Data("task-\(node)-\(attempt)-\(phase)".utf8))
  }

  /// Runs `body` with an empty store of `kind` as both protocols.
  static func with(
    _ kind: StoreUnderTest, _ body: (any ExecutionEventStore & ScheduleStore) async throws -> Void
  ) async throws {
    try await kind.with { store in
      let events = try #require(
        store as? any ExecutionEventStore & ScheduleStore, "\(kind) admin store must keep events and schedule fires")
      try await body(events)
    }
  }

  @Test(arguments: StoreUnderTest.allCases)
  func applyStoresRecordsAndTheFeedPositionTogether(store kind: StoreUnderTest) async throws {
    try await Self.with(kind) { store in
      #expect(try await store.feedPosition("engine") == 0)
      let n0 = Self.node("n0", phase: 2)
      try await store.apply(
        EventBatch(nodes: [n0, Self.node("n1")], tasks: [Self.attempt("n0", 0)], feed: "engine", position: 5))
      #expect(try await store.feedPosition("engine") == 5)
      #expect(try await store.feedPosition("other") == 0)
      #expect(try await store.nodeExecution(Self.execution, nodeID: "n0") == n0)
      #expect(
        try await store.taskExecution(Self.execution, nodeID: "n0", task: Self.task, retryAttempt: 0)
          == Self.attempt("n0", 0))
      #expect(try await store.taskExecution(Self.execution, nodeID: "n0", task: Self.task, retryAttempt: 1) == nil)
      #expect(try await store.nodeExecution(EntityName(project: "p", domain: "d", name: "x2"), nodeID: "n0") == nil)

      // A later batch replaces records by key; within one batch the last record of a key wins.
      let done = Self.node("n0", phase: 3, at: 1)
      try await store.apply(
        EventBatch(
          nodes: [Self.node("n0", phase: 5), done], tasks: [Self.attempt("n0", 0, phase: 5)], feed: "engine",
          position: 9))
      #expect(try await store.feedPosition("engine") == 9)
      #expect(try await store.nodeExecution(Self.execution, nodeID: "n0") == done)
      let attempts = try await store.taskExecutions(Self.execution, nodeID: "n0", ListQuery())
      #expect(attempts.items == [Self.attempt("n0", 0, phase: 5)])
      let top = try await store.nodeExecutions(Self.execution, parentNodeID: "", ListQuery())
      #expect(top.items.count == 2)
    }
  }

  @Test func postgresApplyIsOneTransaction() async throws {
    try await Self.with(.postgres) { store in
      try await store.apply(EventBatch(nodes: [Self.node("n0")], tasks: [], feed: "engine", position: 3))
      // PostgreSQL rejects NUL in text: the task rows fail after the node rows were sent.
      let failing = EventBatch(
        nodes: [Self.node("n0", phase: 6), Self.node("n1")], tasks: [Self.attempt("bad\u{0}node", 0)], feed: "engine",
        position: 8)
      await #expect(throws: AdminError.self) { try await store.apply(failing) }
      #expect(try await store.feedPosition("engine") == 3)
      #expect(try await store.nodeExecution(Self.execution, nodeID: "n0")?.phase == 3)
      #expect(try await store.nodeExecution(Self.execution, nodeID: "n1") == nil)
    }
  }

  @Test(arguments: StoreUnderTest.allCases)
  func nodeListingsFilterSortAndPage(store kind: StoreUnderTest) async throws {
    try await Self.with(kind) { store in
      let other = EntityName(project: "p", domain: "d", name: "x2")
      let nodes = [
        Self.node("n0", phase: 3, at: 0), Self.node("n1", phase: 2, at: 1), Self.node("a", phase: 3, at: 2),
        Self.node("B", phase: 3, at: 2), Self.node("n3", phase: 6, at: 3),
        Self.node("n1-0-n0", parent: "n1", at: 4), Self.node("n9", at: 5, in: other),
      ]
      try await store.apply(EventBatch(nodes: nodes, tasks: [], feed: "engine", position: 1))

      let newest = try await store.nodeExecutions(Self.execution, parentNodeID: "", ListQuery())
      // Ties (a, B at t0+2) break by node id in the sort's direction, in byte order.
      #expect(newest.items.map(\.nodeID) == ["n3", "a", "B", "n1", "n0"])
      #expect(newest.nextOffset == nil)
      let children = try await store.nodeExecutions(Self.execution, parentNodeID: "n1", ListQuery())
      #expect(children.items.map(\.nodeID) == ["n1-0-n0"])

      let byID = ListSort(field: .nodeID, ascending: true)
      let first = try await store.nodeExecutions(Self.execution, parentNodeID: "", ListQuery(sort: byID, limit: 2))
      #expect(first.items.map(\.nodeID) == ["B", "a"])
      #expect(first.nextOffset == 2)
      let second = try await store.nodeExecutions(
        Self.execution, parentNodeID: "", ListQuery(sort: byID, limit: 2, offset: 2))
      #expect(second.items.map(\.nodeID) == ["n0", "n1"])
      let last = try await store.nodeExecutions(
        Self.execution, parentNodeID: "", ListQuery(sort: byID, limit: 2, offset: 4))
      #expect(last.items.map(\.nodeID) == ["n3"])
      #expect(last.nextOffset == nil)

      let filtered = try await store.nodeExecutions(
        Self.execution, parentNodeID: "",
        ListQuery(
          filters: [
            ListFilter(field: .phase, op: .valueIn, values: [.integer(3), .integer(6)]),
            ListFilter(field: .createdAt, op: .greaterThanOrEqual, values: [.time(Self.t0.addingTimeInterval(2))]),
            ListFilter(field: .nodeID, op: .notEqual, values: [.text("B")]),
          ], sort: byID))
      #expect(filtered.items.map(\.nodeID) == ["a", "n3"])
      let contains = try await store.nodeExecutions(
        Self.execution, parentNodeID: "",
        ListQuery(filters: [ListFilter(field: .nodeID, op: .contains, values: [.text("n")])], sort: byID))
      #expect(contains.items.map(\.nodeID) == ["n0", "n1", "n3"])
      let byUpdate = try await store.nodeExecutions(
        Self.execution, parentNodeID: "",
        ListQuery(
          filters: [ListFilter(field: .phase, op: .notEqual, values: [.integer(3)])],
          sort: ListSort(field: .updatedAt, ascending: true)))
      #expect(byUpdate.items.map(\.nodeID) == ["n1", "n3"])

      let wrongField = await AdminStoreContractTests.code {
        _ = try await store.nodeExecutions(
          Self.execution, parentNodeID: "", ListQuery(filters: [.equal(.version, "v1")]))
      }
      #expect(wrongField == .invalidArgument)
      let wrongSort = await AdminStoreContractTests.code {
        _ = try await store.nodeExecutions(
          Self.execution, parentNodeID: "", ListQuery(sort: ListSort(field: .retryAttempt, ascending: true)))
      }
      #expect(wrongSort == .invalidArgument)
    }
  }

  @Test(arguments: StoreUnderTest.allCases)
  func taskListingsFilterSortAndPage(store kind: StoreUnderTest) async throws {
    try await Self.with(kind) { store in
      let attempts = [
        Self.attempt("n0", 0, phase: 6, at: 0), Self.attempt("n0", 1, phase: 6, at: 1),
        Self.attempt("n0", 2, phase: 3, at: 2), Self.attempt("n1", 0, at: 3),
      ]
      try await store.apply(EventBatch(nodes: [], tasks: attempts, feed: "engine", position: 4))
      let byAttempt = ListSort(field: .retryAttempt, ascending: true)
      let all = try await store.taskExecutions(Self.execution, nodeID: "n0", ListQuery(sort: byAttempt))
      #expect(all.items == Array(attempts.prefix(3)))
      let newest = try await store.taskExecutions(Self.execution, nodeID: "n0", ListQuery(limit: 2))
      #expect(newest.items.map(\.retryAttempt) == [2, 1])
      #expect(newest.nextOffset == 2)
      let rest = try await store.taskExecutions(Self.execution, nodeID: "n0", ListQuery(limit: 2, offset: 2))
      #expect(rest.items.map(\.retryAttempt) == [0])
      #expect(rest.nextOffset == nil)
      let failed = try await store.taskExecutions(
        Self.execution, nodeID: "n0",
        ListQuery(
          filters: [
            ListFilter(field: .phase, op: .equal, values: [.integer(6)]),
            ListFilter(field: .retryAttempt, op: .greaterThan, values: [.integer(0)]),
          ], sort: byAttempt))
      #expect(failed.items.map(\.retryAttempt) == [1])
      // Equal phases sort by attempt in the sort's direction.
      let byPhase = try await store.taskExecutions(
        Self.execution, nodeID: "n0", ListQuery(sort: ListSort(field: .phase, ascending: false)))
      #expect(byPhase.items.map(\.retryAttempt) == [1, 0, 2])
      let wrongField = await AdminStoreContractTests.code {
        _ = try await store.taskExecutions(Self.execution, nodeID: "n0", ListQuery(filters: [.equal(.nodeID, "n0")]))
      }
      #expect(wrongField == .invalidArgument)
    }
  }

  @Test(arguments: StoreUnderTest.allCases)
  func scheduleFiresAreRecordedOnce(store kind: StoreUnderTest) async throws {
    try await Self.with(kind) { store in
      let plan = EntityKey(project: "p", domain: "d", name: "lp", version: "v1")
      let other = EntityKey(project: "p", domain: "d", name: "lp", version: "v2")
      let never = try await store.lastFire(plan)
      #expect(never == nil)
      let minute = Self.t0.addingTimeInterval(60)
      #expect(try await store.recordFire(plan, at: minute, execution: "run-1", firedAt: minute))
      #expect(!(try await store.recordFire(plan, at: minute, execution: "run-1b", firedAt: minute)))
      #expect(try await store.recordFire(plan, at: Self.t0, execution: "run-0", firedAt: minute))
      #expect(try await store.recordFire(other, at: minute.addingTimeInterval(60), execution: "run-2", firedAt: minute))
      #expect(try await store.lastFire(plan) == minute)
      #expect(try await store.lastFire(other) == minute.addingTimeInterval(60))
      #expect(try await store.lastFire(EntityKey(project: "p", domain: "d", name: "lp", version: "v3")) == nil)
    }
  }
}
