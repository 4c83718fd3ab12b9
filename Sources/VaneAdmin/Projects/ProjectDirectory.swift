public import FlyteIDL
public import Foundation
import SwiftProtobuf
public import VaneAdminStore

/// Projects and domains. Every project has the same domains (`development`, `staging`,
/// `production`, as in Flyte's default configuration); `flytesnacks` exists from the start.
public struct ProjectDirectory: Sendable {
  /// The domains every project has, in order.
  public static let domains: [(id: String, name: String)] = [
    ("development", "development"), ("staging", "staging"), ("production", "production"),
  ]
  /// The project that exists without registration.
  public static let defaultProject = "flytesnacks"

  public let store: any AdminStore
  let now: @Sendable () -> Date

  public init(store: any AdminStore, now: @escaping @Sendable () -> Date = { Date() }) {
    self.store = store
    self.now = now
  }

  /// Registers the default project unless it exists.
  public func ensureDefaultProject() async throws(AdminError) {
    let existing = try await store.projects()
    guard !existing.contains(where: { $0.id == Self.defaultProject && $0.org.isEmpty }) else { return }
    var project = Flyteidl_Admin_Project()
    project.id = Self.defaultProject
    project.name = Self.defaultProject
    project.description_p = "The default project of vane serve."
    do {
      try await register(project)
    } catch  where error.code == .alreadyExists {
      return
    }
  }

  /// Registers a project; its domains are always the standard ones.
  public func register(_ project: Flyteidl_Admin_Project) async throws(AdminError) {
    let stored = try record(project)
    try await store.registerProject(stored)
  }

  /// Replaces a project's name, description, labels and state.
  public func update(_ project: Flyteidl_Admin_Project) async throws(AdminError) {
    try await store.updateProject(try record(project))
  }

  /// A project by id.
  public func project(id: String, org: String) async throws(AdminError) -> Flyteidl_Admin_Project {
    guard let found = try await all().first(where: { $0.id == id && $0.org == org }) else {
      throw AdminError(.notFound, "no project has this id; register it first", at: "project \(id)")
    }
    return found
  }

  /// A page of projects; the only filters supported are `eq` / `ne` on `state`.
  public func list(_ request: Flyteidl_Admin_ProjectListRequest) async throws(AdminError) -> Flyteidl_Admin_Projects {
    let filters = try FilterParser(entityPrefix: "project", fields: [.state]).parse(request.filters)
    // With authentication, a caller sees only the projects it holds a role in.
    let caller = RequestPrincipal.current
    var projects = try await all().filter { project in
      (request.org.isEmpty || project.org == request.org) && (caller?.canSee(project.id) ?? true)
    }
    for filter in filters {
      guard filter.op == .equal || filter.op == .notEqual, case .integer(let state)? = filter.values.first else {
        throw AdminError(.invalidArgument, "only eq and ne on state are supported for projects", at: "filters")
      }
      projects = projects.filter { (Int64($0.state.rawValue) == state) == (filter.op == .equal) }
    }
    let offset = request.token.isEmpty ? 0 : Int(request.token) ?? -1
    guard offset >= 0 else {
      throw AdminError(.invalidArgument, "'\(request.token)' is not a page token from an earlier response", at: "token")
    }
    let limit = request.limit == 0 ? projects.count : Int(request.limit)
    var result = Flyteidl_Admin_Projects()
    result.projects = Array(projects.dropFirst(offset).prefix(limit))
    if offset + result.projects.count < projects.count { result.token = String(offset + result.projects.count) }
    return result
  }

  /// The standard domains.
  public static func domainMessages() -> [Flyteidl_Admin_Domain] {
    domains.map { domain in
      var message = Flyteidl_Admin_Domain()
      message.id = domain.id
      message.name = domain.name
      return message
    }
  }

  private func all() async throws(AdminError) -> [Flyteidl_Admin_Project] {
    try await store.projects().map { (record) throws(AdminError) in
      var project = try Registry.decode(Flyteidl_Admin_Project.self, record.project, what: "project \(record.id)")
      project.domains = Self.domainMessages()
      return project
    }
  }

  private func record(_ project: Flyteidl_Admin_Project) throws(AdminError) -> ProjectRecord {
    let id = project.id
    let allowed = id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
    guard !id.isEmpty, id.count <= 63, allowed else {
      throw AdminError(
        .invalidArgument, "a project id is 1 to 63 lowercase letters, digits, '-' or '_'", at: "project.id '\(id)'")
    }
    var stored = project
    if stored.name.isEmpty { stored.name = id }
    stored.domains = []
    do {
      return ProjectRecord(org: project.org, id: id, project: try stored.deterministicBinary(), createdAt: now())
    } catch {
      throw AdminError(.internalError, "cannot encode the project: \(error)", at: "project \(id)")
    }
  }
}
