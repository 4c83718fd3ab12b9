public import FlyteIDL
public import Foundation
import SwiftProtobuf
public import VaneAdminStore
import VaneData

/// FlyteAdmin's matchable attributes: settings stored per project, project-domain or workflow
/// and applied where nothing more specific sets them. The RPCs' logic, transport-free.
///
/// As FlyteAdmin 1.16: an update derives the resource type from the `MatchingAttributes`
/// oneof (a request without one is rejected) and replaces the row of its scope and type;
/// project-domain and workflow gets answer the most specific row that applies (a workflow get
/// falls back to the project-domain or project row), a project get the project row only;
/// gets and deletes of nothing are `NOT_FOUND`. Plugin overrides are replaced, not merged.
public struct MatchableAttributeDirectory: Sendable {
  let store: any AdminStore
  let now: @Sendable () -> Date
  /// The largest encoded `MatchingAttributes` an update may store.
  public static let maximumBytes = 64 * 1024

  public init(store: any AdminStore, now: @escaping @Sendable () -> Date = { Date() }) {
    self.store = store
    self.now = now
  }

  public func update(_ attributes: Flyteidl_Admin_ProjectAttributes) async throws(AdminError) {
    let scope = MatchableScope(org: attributes.org, project: attributes.project)
    try await store(scope, .project, attributes.matchingAttributes, present: attributes.hasMatchingAttributes)
  }

  public func update(_ attributes: Flyteidl_Admin_ProjectDomainAttributes) async throws(AdminError) {
    let scope = MatchableScope(org: attributes.org, project: attributes.project, domain: attributes.domain)
    try await store(scope, .domain, attributes.matchingAttributes, present: attributes.hasMatchingAttributes)
  }

  public func update(_ attributes: Flyteidl_Admin_WorkflowAttributes) async throws(AdminError) {
    let scope = MatchableScope(
      org: attributes.org, project: attributes.project, domain: attributes.domain, workflow: attributes.workflow)
    try await store(scope, .workflow, attributes.matchingAttributes, present: attributes.hasMatchingAttributes)
  }

  /// The project's own row (no fallback: there is nothing less specific).
  public func get(
    project: String, org: String, type: Flyteidl_Admin_MatchableResource
  ) async throws(AdminError) -> Flyteidl_Admin_ProjectAttributes {
    let scope = MatchableScope(org: org, project: project)
    try await check(scope, level: .project)
    guard let found = try await store.matchableAttribute(scope, resourceType: type.rawValue) else {
      throw Self.missing(scope, type)
    }
    var result = Flyteidl_Admin_ProjectAttributes()
    (result.project, result.org) = (project, org)
    result.matchingAttributes = try Self.decode(found)
    return result
  }

  /// The most specific row that applies to the project and domain.
  public func get(
    project: String, domain: String, org: String, type: Flyteidl_Admin_MatchableResource
  ) async throws(AdminError) -> Flyteidl_Admin_ProjectDomainAttributes {
    let scope = MatchableScope(org: org, project: project, domain: domain)
    try await check(scope, level: .domain)
    let found = try await resolve(scope, type)
    var result = Flyteidl_Admin_ProjectDomainAttributes()
    (result.project, result.domain, result.org) = (found.scope.project, found.scope.domain, org)
    result.matchingAttributes = try Self.decode(found)
    return result
  }

  /// The most specific row that applies to the workflow.
  public func get(
    project: String, domain: String, workflow: String, org: String, type: Flyteidl_Admin_MatchableResource
  ) async throws(AdminError) -> Flyteidl_Admin_WorkflowAttributes {
    let scope = MatchableScope(org: org, project: project, domain: domain, workflow: workflow)
    try await check(scope, level: .workflow)
    let found = try await resolve(scope, type)
    var result = Flyteidl_Admin_WorkflowAttributes()
    (result.project, result.domain, result.workflow, result.org) =
      (found.scope.project, found.scope.domain, found.scope.workflow, org)
    result.matchingAttributes = try Self.decode(found)
    return result
  }

  /// Removes the row of exactly this scope and type; `level` is the RPC's (a project-domain
  /// delete without a domain is rejected, not taken for a project one).
  public func delete(
    _ scope: MatchableScope, type: Flyteidl_Admin_MatchableResource, level: MatchableLevel
  ) async throws(AdminError) {
    try await check(scope, level: level)
    try await store.deleteMatchableAttribute(scope, resourceType: type.rawValue)
  }

  /// Every row of a resource type, as FlyteAdmin's `ListAll` (all projects).
  public func list(
    _ request: Flyteidl_Admin_ListMatchableAttributesRequest
  ) async throws(AdminError) -> Flyteidl_Admin_ListMatchableAttributesResponse {
    let rows = try await store.matchableAttributes(
      resourceType: request.resourceType.rawValue, project: nil, org: request.org)
    var response = Flyteidl_Admin_ListMatchableAttributesResponse()
    for row in rows where row.scope.org == request.org {
      var configuration = Flyteidl_Admin_MatchableAttributesConfiguration()
      configuration.attributes = try Self.decode(row)
      (configuration.project, configuration.domain, configuration.workflow) =
        (row.scope.project, row.scope.domain, row.scope.workflow)
      (configuration.launchPlan, configuration.org) = (row.scope.launchPlan, row.scope.org)
      response.configurations.append(configuration)
    }
    return response
  }

  /// The most specific `WORKFLOW_EXECUTION_CONFIG` for an execution of `workflow` in the
  /// project and domain, and then the project's own one: FlyteAdmin merges both (a setting
  /// the project-domain row leaves unset comes from the project row). Most preferred first.
  func executionConfigs(
    org: String, project: String, domain: String, workflow: String
  ) async throws(AdminError)
    -> [Flyteidl_Admin_WorkflowExecutionConfig]
  {
    let type = Flyteidl_Admin_MatchableResource.workflowExecutionConfig.rawValue
    let rows = try await store.matchableAttributes(resourceType: type, project: project, org: org)
    let specific = MatchableResolver.resolve(
      rows, for: .init(org: org, project: project, domain: domain, workflow: workflow))
    let projectLevel = MatchableResolver.resolve(rows, for: .init(org: org, project: project))
    var configs: [Flyteidl_Admin_WorkflowExecutionConfig] = []
    for row in [specific, projectLevel].compactMap({ $0 }) {
      if case .workflowExecutionConfig(let config)? = try Self.decode(row).target { configs.append(config) }
    }
    return configs
  }

  /// The `TASK_RESOURCE` attribute that applies to a workflow's executions (the most specific
  /// one, as FlyteAdmin's `GetTaskResources`), or nil when none is stored.
  func taskResources(
    org: String, project: String, domain: String, workflow: String
  ) async throws(AdminError) -> Flyteidl_Admin_TaskResourceAttributes? {
    let type = Flyteidl_Admin_MatchableResource.taskResource.rawValue
    let rows = try await store.matchableAttributes(resourceType: type, project: project, org: org)
    let query = MatchableResolver.Query(org: org, project: project, domain: domain, workflow: workflow)
    guard let row = MatchableResolver.resolve(rows, for: query),
      case .taskResourceAttributes(let attributes)? = try Self.decode(row).target
    else { return nil }
    return attributes
  }

  /// The `PLUGIN_OVERRIDE` attribute that applies to executions of a launch plan of a workflow
  /// (the most specific one, as FlyteAdmin's `addPluginOverrides`), or nil when none is stored.
  func pluginOverrides(
    org: String, project: String, domain: String, workflow: String, launchPlan: String
  ) async throws(AdminError) -> Flyteidl_Admin_PluginOverrides? {
    let type = Flyteidl_Admin_MatchableResource.pluginOverride.rawValue
    let rows = try await store.matchableAttributes(resourceType: type, project: project, org: org)
    let query = MatchableResolver.Query(
      org: org, project: project, domain: domain, workflow: workflow, launchPlan: launchPlan)
    guard let row = MatchableResolver.resolve(rows, for: query),
      case .pluginOverrides(let overrides)? = try Self.decode(row).target
    else { return nil }
    return overrides
  }

  private func resolve(
    _ scope: MatchableScope, _ type: Flyteidl_Admin_MatchableResource
  ) async throws(AdminError) -> MatchableAttributeRecord {
    let rows = try await store.matchableAttributes(resourceType: type.rawValue, project: scope.project, org: scope.org)
    let query = MatchableResolver.Query(
      org: scope.org, project: scope.project, domain: scope.domain, workflow: scope.workflow)
    guard let found = MatchableResolver.resolve(rows, for: query) else { throw Self.missing(scope, type) }
    return found
  }

  private func store(
    _ scope: MatchableScope, _ level: MatchableLevel, _ attributes: Flyteidl_Admin_MatchingAttributes, present: Bool
  ) async throws(AdminError) {
    try await check(scope, level: level)
    guard present, let target = attributes.target else {
      throw AdminError(
        .invalidArgument, "matching_attributes must set one of its attributes", at: "attributes.matching_attributes")
    }
    try Self.checkContent(target)
    let encoded: Data
    do {
      encoded = try attributes.serializedBytes()
    } catch {
      throw AdminError(.invalidArgument, "cannot encode the attributes: \(error)", at: "attributes.matching_attributes")
    }
    guard encoded.count <= Self.maximumBytes else {
      throw AdminError(
        .invalidArgument, "the attributes take \(encoded.count) bytes; at most \(Self.maximumBytes) are stored",
        at: "attributes.matching_attributes")
    }
    let record = MatchableAttributeRecord(
      scope: scope, resourceType: Self.type(of: target).rawValue, attributes: encoded)
    try await store.updateMatchableAttribute(record, at: now())
  }
}
