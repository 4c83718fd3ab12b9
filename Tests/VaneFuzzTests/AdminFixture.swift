import FlyteIDL
import Foundation
import VaneAdmin
import VaneAdminStore
import VaneStore

/// A registry on a fresh SQLite file with the whole showcase registered (tasks, then workflows
/// and launch plans in two passes, since some workflows call launch plans of others), as a
/// server holds it when a client starts sending.
struct AdminFixture {
  let directory: URL
  let database: SQLiteDatabase
  let registry: Registry

  static func make() async throws -> AdminFixture {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vane-fuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    // No fsync: the campaign is about decoding and checking, not durability.
    let database = try SQLiteDatabase(
      path: directory.appendingPathComponent("admin.db").path, options: .init(synchronous: .off))
    let registry = Registry(store: try SQLAdminStore(sqlite: database))
    for request in try Self.taskRequests() { try await registry.createTask(request) }
    for _ in 0..<2 {
      for request in try Self.workflowRequests() { try? await registry.createWorkflow(request) }
      for request in try Self.launchPlanRequests() { try? await registry.createLaunchPlan(request) }
    }
    return AdminFixture(directory: directory, database: database, registry: registry)
  }

  func close() {
    database.close()
    try? FileManager.default.removeItem(at: directory)
  }

  /// The showcase's ids carry only names (the package loader fills the rest from the command
  /// line); requests name all four parts, and registration fills the references inside.
  static func filled(_ id: Flyteidl_Core_Identifier) -> Flyteidl_Core_Identifier {
    var id = id
    if id.project.isEmpty { id.project = "flytesnacks" }
    if id.domain.isEmpty { id.domain = "development" }
    if id.version.isEmpty { id.version = "v1" }
    return id
  }

  static func taskRequests() throws -> [Flyteidl_Admin_TaskCreateRequest] {
    try FuzzSeeds.taskSpecs().map { spec in
      var request = Flyteidl_Admin_TaskCreateRequest()
      request.id = filled(spec.template.id)
      request.spec = spec
      return request
    }
  }

  static func workflowRequests() throws -> [Flyteidl_Admin_WorkflowCreateRequest] {
    try FuzzSeeds.workflowSpecs().map { spec in
      var request = Flyteidl_Admin_WorkflowCreateRequest()
      request.id = filled(spec.template.id)
      request.spec = spec
      return request
    }
  }

  static func launchPlanRequests() throws -> [Flyteidl_Admin_LaunchPlanCreateRequest] {
    try FuzzSeeds.launchPlans().map { plan in
      var request = Flyteidl_Admin_LaunchPlanCreateRequest()
      request.id = filled(plan.id)
      request.spec = plan.spec
      return request
    }
  }
}
