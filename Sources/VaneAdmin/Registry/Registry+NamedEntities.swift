public import FlyteIDL
import Foundation
public import VaneAdminStore

/// Named entities (`admin.NamedEntity`): a task, workflow or launch plan name across its
/// versions, with metadata that belongs to the name (a description, archived or not).
///
/// As in FlyteAdmin 1.16: a name exists once one version of it is registered, and only then
/// can it be read or updated (`NOT_FOUND` before); its metadata defaults to an empty
/// description and the active state; an update replaces both fields; a listing returns every
/// registered name of the resource type in the project and domain, archived ones included
/// (clients that hide them ask with `eq(state,0)`, as flyteconsole does), and filters on
/// `state` treat a name never updated as active.
extension Registry {
  static let namedEntityFilters = FilterParser(
    entityPrefix: "named_entity", fields: [.project, .domain, .name, .description, .state])

  /// One name with its metadata.
  public func namedEntity(
    _ request: Flyteidl_Admin_NamedEntityGetRequest
  ) async throws(AdminError) -> Flyteidl_Admin_NamedEntity {
    let kind = try Self.kind(request.resourceType)
    let name = try IdentifierCheck.name(request.id)
    guard let entity = try await store.namedEntity(kind, name) else {
      throw AdminError(
        .notFound, "no version of this \(kind) is registered", at: "\(kind) \(name.project):\(name.domain):\(name.name)"
      )
    }
    return Self.message(entity)
  }

  /// One page of the names of a resource type in a project and domain (name order unless
  /// `sort_by` says otherwise).
  public func namedEntities(
    _ request: Flyteidl_Admin_NamedEntityListRequest
  ) async throws(AdminError) -> Flyteidl_Admin_NamedEntityList {
    let kind = try Self.kind(request.resourceType)
    let scope = try ListRequest.scope(project: request.project, domain: request.domain)
    let query = try ListRequest(parser: Self.namedEntityFilters).query(
      scope: scope, filters: request.filters, sort: request.hasSortBy ? request.sortBy : nil, limit: request.limit,
      token: request.token, defaultSort: ListSort(field: .name, ascending: true))
    let page = try await store.namedEntities(kind, query)
    var list = Flyteidl_Admin_NamedEntityList()
    list.entities = page.items.map(Self.message)
    list.token = ListRequest.token(page)
    return list
  }

  /// Replaces a name's description and state.
  public func updateNamedEntity(_ request: Flyteidl_Admin_NamedEntityUpdateRequest) async throws(AdminError) {
    let kind = try Self.kind(request.resourceType)
    let name = try IdentifierCheck.name(request.id)
    guard request.hasMetadata else {
      throw AdminError(.invalidArgument, "the request has no metadata; give a description and a state", at: "metadata")
    }
    let metadata = request.metadata
    guard Self.knownStates.contains(metadata.state) else {
      throw AdminError(
        .invalidArgument,
        "state \(metadata.state.rawValue) is not a named entity state (0 active, 1 archived, 2 system generated)",
        at: "metadata.state")
    }
    guard metadata.description_p.count <= NamedEntityRecord.maximumDescription else {
      throw AdminError(
        .invalidArgument,
        "the description has \(metadata.description_p.count) characters; at most \(NamedEntityRecord.maximumDescription) are kept",
        at: "metadata.description")
    }
    let entity = NamedEntityRecord(
      kind: kind, name: name, description: metadata.description_p, state: metadata.state.rawValue)
    try await store.updateNamedEntity(entity, at: now())
  }

  static let knownStates: [Flyteidl_Admin_NamedEntityState] = [
    .namedEntityActive, .namedEntityArchived, .systemGenerated,
  ]

  /// The entity kind a request's resource type names; datasets and unset types have no names.
  static func kind(_ type: Flyteidl_Core_ResourceType) throws(AdminError) -> EntityKind {
    guard let kind = EntityKind(rawValue: type.rawValue) else {
      throw AdminError(
        .invalidArgument, "resource type \(type) has no named entities; use TASK, WORKFLOW or LAUNCH_PLAN",
        at: "resource_type")
    }
    return kind
  }

  static func message(_ entity: NamedEntityRecord) -> Flyteidl_Admin_NamedEntity {
    var message = Flyteidl_Admin_NamedEntity()
    message.resourceType = entity.kind.resourceType
    message.id.org = entity.name.org
    message.id.project = entity.name.project
    message.id.domain = entity.name.domain
    message.id.name = entity.name.name
    message.metadata.description_p = entity.description
    message.metadata.state = Flyteidl_Admin_NamedEntityState(rawValue: entity.state) ?? .namedEntityActive
    return message
  }
}
