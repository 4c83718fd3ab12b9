import Foundation
import Testing
import VaneAdminStore
import VaneModel

/// The `AdminStore` contract, run against SQLite and PostgreSQL (a real server; see
/// `PostgresTestCluster`).
@Suite struct AdminStoreContractTests {
  static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

  static func entity(
    _ name: String, _ version: String = "v1", kind: EntityKind = .task, spec: String = "spec", at offset: Double = 0
  ) -> RegisteredEntity {
    RegisteredEntity(
      kind: kind, key: EntityKey(project: "p", domain: "d", name: name, version: version), spec: Data(spec.utf8),
      closure: Data("closure-\(name)-\(version)".utf8), createdAt: t0.addingTimeInterval(offset))
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

  @Test(arguments: StoreUnderTest.allCases)
  func registrationIsIdempotentAndConflictsChangeNothing(store kind: StoreUnderTest) async throws {
    try await kind.with { store in
      #expect(try await store.register(Self.entity("a")) == .created)
      #expect(try await store.register(Self.entity("a")) == .identical)
      let conflict = await Self.code { _ = try await store.register(Self.entity("a", spec: "other")) }
      #expect(conflict == .alreadyExists)
      let stored = try #require(
        try await store.entity(.task, EntityKey(project: "p", domain: "d", name: "a", version: "v1")))
      #expect(stored.spec == Data("spec".utf8))
      #expect(stored.closure == Data("closure-a-v1".utf8))
      #expect(stored.createdAt == Self.t0)
      // Same key under another kind is a different entity.
      #expect(try await store.register(Self.entity("a", kind: .workflow)) == .created)
      #expect(try await store.entity(.launchPlan, stored.key) == nil)
    }
  }

  @Test(arguments: StoreUnderTest.allCases)
  func listingsFilterSortAndPage(store kind: StoreUnderTest) async throws {
    try await kind.with { store in
      for (index, name) in ["b", "a", "c"].enumerated() {
        for version in ["v1", "v2"] {
          _ = try await store.register(Self.entity(name, version, at: Double(index * 10 + (version == "v2" ? 1 : 0))))
        }
      }
      let scope = [ListFilter.equal(.project, "p"), .equal(.domain, "d")]
      let newest = try await store.entities(.task, ListQuery(filters: scope))
      #expect(newest.items.map { "\($0.key.name)\($0.key.version)" } == ["cv2", "cv1", "av2", "av1", "bv2", "bv1"])
      #expect(newest.nextOffset == nil)

      let byName = ListSort(field: .name, ascending: true)
      let first = try await store.entities(.task, ListQuery(filters: scope, sort: byName, limit: 4))
      #expect(first.items.map { "\($0.key.name)\($0.key.version)" } == ["av1", "av2", "bv1", "bv2"])
      #expect(first.nextOffset == 4)
      let second = try await store.entities(.task, ListQuery(filters: scope, sort: byName, limit: 4, offset: 4))
      #expect(second.items.map { "\($0.key.name)\($0.key.version)" } == ["cv1", "cv2"])
      #expect(second.nextOffset == nil)

      let filtered = try await store.entities(
        .task,
        ListQuery(
          filters: scope + [
            ListFilter(field: .name, op: .valueIn, values: [.text("a"), .text("c")]),
            ListFilter(field: .version, op: .notEqual, values: [.text("v1")]),
            ListFilter(field: .createdAt, op: .greaterThanOrEqual, values: [.time(Self.t0.addingTimeInterval(10))]),
          ], sort: byName))
      #expect(filtered.items.map(\.key.name) == ["a", "c"])
      let contains = try await store.entities(
        .task, ListQuery(filters: [ListFilter(field: .name, op: .contains, values: [.text("b")])]))
      #expect(contains.items.count == 2)
      let wrongField = await Self.code {
        _ = try await store.executions(ListQuery(filters: [ListFilter.equal(.version, "x")]))
      }
      #expect(wrongField == .invalidArgument)

      let names = try await store.entityNames(.task, ListQuery(filters: scope, sort: byName, limit: 2))
      #expect(names.items.map(\.name) == ["a", "b"])
      #expect(names.nextOffset == 2)
      let namesByTime = try await store.entityNames(.task, ListQuery(filters: scope))
      #expect(namesByTime.items.map(\.name) == ["c", "a", "b"])
    }
  }

  @Test(arguments: StoreUnderTest.allCases)
  func launchPlanStateHasOneActiveVersion(store kind: StoreUnderTest) async throws {
    try await kind.with { store in
      for version in ["v1", "v2"] { _ = try await store.register(Self.entity("lp", version, kind: .launchPlan)) }
      let name = EntityName(project: "p", domain: "d", name: "lp")
      #expect(try await store.activeLaunchPlan(name) == nil)
      let v1 = EntityKey(project: "p", domain: "d", name: "lp", version: "v1")
      let v2 = EntityKey(project: "p", domain: "d", name: "lp", version: "v2")
      try await store.setLaunchPlanState(v1, active: true, at: Self.t0.addingTimeInterval(5))
      try await store.setLaunchPlanState(v2, active: true, at: Self.t0.addingTimeInterval(6))
      #expect(try await store.activeLaunchPlan(name)?.key.version == "v2")
      #expect(try await store.entity(.launchPlan, v1)?.state == 0)
      #expect(try await store.entity(.launchPlan, v2)?.updatedAt == Self.t0.addingTimeInterval(6))
      let active = try await store.entities(
        .launchPlan, ListQuery(filters: [ListFilter(field: .state, op: .equal, values: [.integer(1)])]))
      #expect(active.items.map(\.key.version) == ["v2"])
      let missing = await Self.code {
        try await store.setLaunchPlanState(
          EntityKey(project: "p", domain: "d", name: "lp", version: "v9"), active: true, at: Self.t0)
      }
      #expect(missing == .notFound)
      // The failed activation changed nothing (one transaction).
      #expect(try await store.activeLaunchPlan(name)?.key.version == "v2")
    }
  }

  @Test(arguments: StoreUnderTest.allCases)
  func projectsAndExecutions(store kind: StoreUnderTest) async throws {
    try await kind.with { store in
      try await store.registerProject(ProjectRecord(id: "zeta", project: Data("z".utf8), createdAt: Self.t0))
      try await store.registerProject(ProjectRecord(id: "alpha", project: Data("a".utf8), createdAt: Self.t0))
      let again = await Self.code {
        try await store.registerProject(ProjectRecord(id: "alpha", project: Data("x".utf8), createdAt: Self.t0))
      }
      #expect(again == .alreadyExists)
      try await store.updateProject(ProjectRecord(id: "alpha", project: Data("a2".utf8), createdAt: Self.t0))
      let absent = await Self.code {
        try await store.updateProject(ProjectRecord(id: "nope", project: Data(), createdAt: Self.t0))
      }
      #expect(absent == .notFound)
      #expect(try await store.projects().map(\.id) == ["alpha", "zeta"])
      #expect(try await store.projects().first?.project == Data("a2".utf8))

      for (index, name) in ["x1", "x2", "x3"].enumerated() {
        try await store.recordExecution(
          ExecutionRecord(
            name: EntityName(project: "p", domain: "d", name: name), launchPlan: "p:d:lp:v1", workflow: "p:d:wf:v1",
            spec: Data(name.utf8), createdAt: Self.t0.addingTimeInterval(Double(index))))
      }
      let duplicate = await Self.code {
        try await store.recordExecution(
          ExecutionRecord(
            name: EntityName(project: "p", domain: "d", name: "x1"), launchPlan: "", workflow: "", spec: Data(),
            createdAt: Self.t0))
      }
      #expect(duplicate == .alreadyExists)
      let x1 = try #require(try await store.execution(EntityName(project: "p", domain: "d", name: "x1")))
      #expect(x1.spec == Data("x1".utf8))
      #expect(x1.launchPlan == "p:d:lp:v1")
      #expect(try await store.execution(EntityName(project: "p", domain: "other", name: "x1")) == nil)
      let page = try await store.executions(
        ListQuery(filters: [.equal(.project, "p"), ListFilter(field: .name, op: .notEqual, values: [.text("x2")])]))
      #expect(page.items.map(\.name.name) == ["x3", "x1"])

      // An execution the engine never received is taken back; its name is free again.
      let x3 = EntityName(project: "p", domain: "d", name: "x3")
      #expect(try await store.removeExecution(x3))
      #expect(try await !store.removeExecution(x3))
      #expect(try await store.execution(x3) == nil)
      try await store.recordExecution(
        ExecutionRecord(name: x3, launchPlan: "", workflow: "", spec: Data(), createdAt: Self.t0))
    }
  }

  @Test func postgresMigratesOnceAndReportsWhereItFailed() async throws {
    let began = ContinuousClock.now
    _ = try PostgresTestCluster.server.get()
    try await PostgresTestCluster.withStore { store, _ in
      // Concurrent first uses migrate once; a second prepare is a no-op.
      async let first: Void = store.prepare()
      async let second: Void = store.prepare()
      _ = try await (first, second)
      try await store.prepare()
      #expect(try await store.projects().isEmpty)
    }
    print(
      "PostgreSQL for tests: cluster start \(PostgresTestCluster.startup), first store ready after \(ContinuousClock.now - began)"
    )
  }
}
