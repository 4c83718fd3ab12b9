import Foundation
import Testing
import VaneAdminStore
import VaneModel

/// Named entity metadata and execution archive states, against SQLite and PostgreSQL.
@Suite struct NamedEntityStoreTests {
  static let t0 = AdminStoreContractTests.t0
  static let scope = [ListFilter.equal(.project, "p"), .equal(.domain, "d")]

  static func name(_ name: String, project: String = "p") -> EntityName {
    EntityName(project: project, domain: "d", name: name)
  }

  static func state(_ op: FilterOperator, _ value: Int64) -> ListFilter {
    ListFilter(field: .state, op: op, values: [.integer(value)])
  }

  @Test(arguments: StoreUnderTest.allCases)
  func aNameExistsOnceAVersionIsRegisteredAndUpdatesReplaceItsMetadata(store kind: StoreUnderTest) async throws {
    try await kind.with { store in
      #expect(try await store.namedEntity(.workflow, Self.name("wf")) == nil)
      let early = await AdminStoreContractTests.code {
        try await store.updateNamedEntity(
          NamedEntityRecord(kind: .workflow, name: Self.name("wf"), description: "x", state: 1), at: Self.t0)
      }
      #expect(early == .notFound)
      for version in ["v1", "v2"] {
        _ = try await store.register(AdminStoreContractTests.entity("wf", version, kind: .workflow))
      }
      let fresh = try #require(try await store.namedEntity(.workflow, Self.name("wf")))
      #expect(fresh == NamedEntityRecord(kind: .workflow, name: Self.name("wf"), description: "", state: 0))
      // The same name under another kind has no version, so it does not exist.
      #expect(try await store.namedEntity(.task, Self.name("wf")) == nil)
      #expect(try await store.namedEntity(.workflow, Self.name("wf", project: "q")) == nil)

      let archived = NamedEntityRecord(kind: .workflow, name: Self.name("wf"), description: "it's old", state: 1)
      try await store.updateNamedEntity(archived, at: Self.t0)
      #expect(try await store.namedEntity(.workflow, Self.name("wf")) == archived)
      let restored = NamedEntityRecord(kind: .workflow, name: Self.name("wf"), description: "", state: 0)
      try await store.updateNamedEntity(restored, at: Self.t0.addingTimeInterval(1))
      #expect(try await store.namedEntity(.workflow, Self.name("wf")) == restored)
      let wrongKind = await AdminStoreContractTests.code {
        try await store.updateNamedEntity(
          NamedEntityRecord(kind: .launchPlan, name: Self.name("wf"), state: 1), at: Self.t0)
      }
      #expect(wrongKind == .notFound)
    }
  }

  @Test(arguments: StoreUnderTest.allCases)
  func listingsHaveOneRowPerNameAndFilterOnMetadata(store kind: StoreUnderTest) async throws {
    try await kind.with { store in
      for name in ["c", "a", "b", "d"] {
        for version in ["v1", "v2"] { _ = try await store.register(AdminStoreContractTests.entity(name, version)) }
      }
      _ = try await store.register(
        RegisteredEntity(
          kind: .task, key: EntityKey(project: "q", domain: "d", name: "elsewhere", version: "v1"), spec: Data(),
          closure: Data(), createdAt: Self.t0))
      _ = try await store.register(AdminStoreContractTests.entity("wf-only", kind: .workflow))
      try await store.updateNamedEntity(
        NamedEntityRecord(kind: .task, name: Self.name("b"), description: "bees", state: 1), at: Self.t0)
      try await store.updateNamedEntity(
        NamedEntityRecord(kind: .task, name: Self.name("d"), description: "dees", state: 0), at: Self.t0)

      let byName = ListSort(field: .name, ascending: true)
      let all = try await store.namedEntities(.task, ListQuery(filters: Self.scope, sort: byName))
      #expect(all.items.map(\.name.name) == ["a", "b", "c", "d"], "archived names are listed unless filtered")
      #expect(all.items.map(\.description) == ["", "bees", "", "dees"])
      #expect(all.items.map(\.state) == [0, 1, 0, 0])
      #expect(all.nextOffset == nil)

      let active = try await store.namedEntities(
        .task, ListQuery(filters: Self.scope + [Self.state(.equal, 0)], sort: byName))
      #expect(active.items.map(\.name.name) == ["a", "c", "d"], "a name never updated counts as active")
      let archived = try await store.namedEntities(
        .task, ListQuery(filters: Self.scope + [Self.state(.equal, 1)], sort: byName))
      #expect(archived.items.map(\.name.name) == ["b"])
      let described = try await store.namedEntities(
        .task,
        ListQuery(
          filters: Self.scope + [ListFilter(field: .description, op: .contains, values: [.text("ees")])], sort: byName))
      #expect(described.items.map(\.name.name) == ["b", "d"])

      let first = try await store.namedEntities(
        .task, ListQuery(filters: Self.scope, sort: ListSort(field: .name, ascending: false), limit: 3))
      #expect(first.items.map(\.name.name) == ["d", "c", "b"])
      #expect(first.nextOffset == 3)
      let second = try await store.namedEntities(
        .task, ListQuery(filters: Self.scope, sort: ListSort(field: .name, ascending: false), limit: 3, offset: 3))
      #expect(second.items.map(\.name.name) == ["a"])
      #expect(second.nextOffset == nil)
      let byState = try await store.namedEntities(
        .task, ListQuery(filters: Self.scope, sort: ListSort(field: .state, ascending: false), limit: 1))
      #expect(byState.items.map(\.name.name) == ["b"])

      let workflows = try await store.namedEntities(.workflow, ListQuery(filters: Self.scope, sort: byName))
      #expect(workflows.items.map(\.name.name) == ["wf-only"])
      let badField = await AdminStoreContractTests.code {
        _ = try await store.namedEntities(.task, ListQuery(filters: [ListFilter.equal(.version, "v1")], sort: byName))
      }
      #expect(badField == .invalidArgument)
      let badSort = await AdminStoreContractTests.code {
        _ = try await store.namedEntities(.task, ListQuery(filters: Self.scope, sort: .newestFirst))
      }
      #expect(badSort == .invalidArgument, "names have no creation time of their own")
    }
  }

  @Test(arguments: StoreUnderTest.allCases)
  func executionStatesChangeAndFilterListings(store kind: StoreUnderTest) async throws {
    try await kind.with { store in
      for (index, name) in ["x1", "x2", "x3"].enumerated() {
        try await store.recordExecution(
          ExecutionRecord(
            name: Self.name(name), launchPlan: "", workflow: "", spec: Data(),
            createdAt: Self.t0.addingTimeInterval(Double(index))))
      }
      let x2 = try #require(try await store.execution(Self.name("x2")))
      #expect(x2.state == 0)
      #expect(x2.stateChangedAt == nil)
      #expect(x2.stateChangedBy == "")

      let changedAt = Self.t0.addingTimeInterval(60)
      try await store.setExecutionState(Self.name("x2"), state: 1, by: "ci-bot", at: changedAt)
      let archived = try #require(try await store.execution(Self.name("x2")))
      #expect(archived.state == 1)
      #expect(archived.stateChangedAt == changedAt)
      #expect(archived.stateChangedBy == "ci-bot")

      let active = try await store.executions(ListQuery(filters: Self.scope + [Self.state(.equal, 0)]))
      #expect(active.items.map(\.name.name) == ["x3", "x1"])
      let hidden = try await store.executions(ListQuery(filters: Self.scope + [Self.state(.equal, 1)]))
      #expect(hidden.items.map(\.name.name) == ["x2"])

      let missing = await AdminStoreContractTests.code {
        try await store.setExecutionState(Self.name("nope"), state: 1, by: "", at: changedAt)
      }
      #expect(missing == .notFound)
    }
  }
}
