import FlyteIDL
import Foundation
import Testing
import VaneAdmin
import VaneAdminStore
import VaneModel
import VaneStore
import VaneTesting

/// GetNamedEntity, UpdateNamedEntity and ListNamedEntities as the registry answers them, over
/// a real SQLite admin store.
@Suite struct NamedEntityTests {
  static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

  func withRegistry(_ body: (Registry) async throws -> Void) async throws {
    let directory = try TemporaryDirectory("vane-named")
    defer { directory.remove() }
    let database = try SQLiteDatabase(path: directory.path + "/vane.db")
    defer { database.close() }
    let store = try SQLAdminStore(sqlite: database)
    for (kind, name) in [(EntityKind.workflow, "wf.b"), (.workflow, "wf.a"), (.workflow, "wf.c"), (.task, "t.a")] {
      _ = try await store.register(
        RegisteredEntity(
          kind: kind, key: EntityKey(project: "flytesnacks", domain: "development", name: name, version: "v1"),
          spec: Data(name.utf8), closure: Data(), createdAt: Self.t0))
    }
    try await body(Registry(store: store, now: { Self.t0 }))
  }

  static func id(_ name: String) -> Flyteidl_Admin_NamedEntityIdentifier {
    var id = Flyteidl_Admin_NamedEntityIdentifier()
    id.project = "flytesnacks"
    id.domain = "development"
    id.name = name
    return id
  }

  static func update(
    _ name: String, _ state: Flyteidl_Admin_NamedEntityState, _ description: String = "",
    type: Flyteidl_Core_ResourceType = .workflow
  ) -> Flyteidl_Admin_NamedEntityUpdateRequest {
    var request = Flyteidl_Admin_NamedEntityUpdateRequest()
    request.resourceType = type
    request.id = id(name)
    request.metadata.state = state
    request.metadata.description_p = description
    return request
  }

  static func list(
    filters: String = "", limit: UInt32 = 10, token: String = ""
  ) -> Flyteidl_Admin_NamedEntityListRequest {
    var request = Flyteidl_Admin_NamedEntityListRequest()
    request.resourceType = .workflow
    request.project = "flytesnacks"
    request.domain = "development"
    request.filters = filters
    request.limit = limit
    request.token = token
    return request
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

  @Test func getDefaultsUpdateReplacesAndUnknownNamesAreNotFound() async throws {
    try await withRegistry { registry in
      var get = Flyteidl_Admin_NamedEntityGetRequest()
      get.resourceType = .workflow
      get.id = Self.id("wf.a")
      let fresh = try await registry.namedEntity(get)
      #expect(fresh.resourceType == .workflow)
      #expect(fresh.id == Self.id("wf.a"))
      #expect(fresh.metadata.state == .namedEntityActive)
      #expect(fresh.metadata.description_p == "")

      try await registry.updateNamedEntity(Self.update("wf.a", .namedEntityArchived, "retired in Q3"))
      let archived = try await registry.namedEntity(get)
      #expect(archived.metadata.state == .namedEntityArchived)
      #expect(archived.metadata.description_p == "retired in Q3")

      get.resourceType = .launchPlan
      #expect(await Self.code { _ = try await registry.namedEntity(get) } == .notFound)
      #expect(
        await Self.code { try await registry.updateNamedEntity(Self.update("wf.zz", .namedEntityActive)) } == .notFound)
    }
  }

  @Test func badRequestsAreRefusedNamingTheField() async throws {
    try await withRegistry { registry in
      var dataset = Flyteidl_Admin_NamedEntityGetRequest()
      dataset.resourceType = .dataset
      dataset.id = Self.id("wf.a")
      let typeError = await #expect(throws: AdminError.self) { _ = try await registry.namedEntity(dataset) }
      #expect(typeError?.code == .invalidArgument)
      #expect(typeError?.location == "resource_type")

      var noName = Self.update("", .namedEntityActive)
      noName.id.name = ""
      let nameError = await #expect(throws: AdminError.self) { try await registry.updateNamedEntity(noName) }
      #expect(nameError?.code == .invalidArgument)
      #expect(nameError?.message.contains("name") == true)

      var noMetadata = Self.update("wf.a", .namedEntityActive)
      noMetadata.clearMetadata()
      #expect(await Self.code { try await registry.updateNamedEntity(noMetadata) } == .invalidArgument)

      let unknownState = await #expect(throws: AdminError.self) {
        try await registry.updateNamedEntity(Self.update("wf.a", .UNRECOGNIZED(7)))
      }
      #expect(unknownState?.location == "metadata.state")

      let long = String(repeating: "é", count: NamedEntityRecord.maximumDescription + 1)
      let tooLong = await #expect(throws: AdminError.self) {
        try await registry.updateNamedEntity(Self.update("wf.a", .namedEntityActive, long))
      }
      #expect(tooLong?.location == "metadata.description")
      // Nothing was stored by the refused updates.
      var get = Flyteidl_Admin_NamedEntityGetRequest()
      get.resourceType = .workflow
      get.id = Self.id("wf.a")
      let unchanged = try await registry.namedEntity(get)
      #expect(unchanged.metadata.description_p == "")

      #expect(await Self.code { _ = try await registry.namedEntities(Self.list(limit: 0)) } == .invalidArgument)
      #expect(
        await Self.code { _ = try await registry.namedEntities(Self.list(filters: "eq(version,v1)")) }
          == .invalidArgument)
      #expect(await Self.code { _ = try await registry.namedEntities(Self.list(token: "x")) } == .invalidArgument)
    }
  }

  @Test func listingsAreByNameAndFilterOnStateAsFlyteconsoleAsks() async throws {
    try await withRegistry { registry in
      try await registry.updateNamedEntity(Self.update("wf.b", .namedEntityArchived, "old"))

      let all = try await registry.namedEntities(Self.list())
      #expect(all.entities.map(\.id.name) == ["wf.a", "wf.b", "wf.c"])
      #expect(all.entities.allSatisfy { $0.resourceType == .workflow && $0.id.project == "flytesnacks" })
      #expect(all.token == "")

      let active = try await registry.namedEntities(Self.list(filters: "eq(state,0)"))
      #expect(active.entities.map(\.id.name) == ["wf.a", "wf.c"])
      let archived = try await registry.namedEntities(Self.list(filters: "eq(named_entity.state,1)"))
      #expect(archived.entities.map(\.id.name) == ["wf.b"])
      #expect(archived.entities.first?.metadata.description_p == "old")

      let first = try await registry.namedEntities(Self.list(limit: 2))
      #expect(first.entities.map(\.id.name) == ["wf.a", "wf.b"])
      #expect(first.token == "2")
      let rest = try await registry.namedEntities(Self.list(limit: 2, token: first.token))
      #expect(rest.entities.map(\.id.name) == ["wf.c"])
      #expect(rest.token == "")

      var tasks = Self.list()
      tasks.resourceType = .task
      #expect(try await registry.namedEntities(tasks).entities.map(\.id.name) == ["t.a"])
    }
  }
}
