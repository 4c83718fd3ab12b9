public import FlyteIDL
import Foundation
import SwiftProtobuf
public import VaneAdminStore
import VaneModel

extension Registry {
  static let taskFilters = FilterParser(
    entityPrefix: "task", fields: [.project, .domain, .name, .version, .createdAt])
  static let workflowFilters = FilterParser(
    entityPrefix: "workflow", fields: [.project, .domain, .name, .version, .createdAt])
  static let launchPlanFilters = FilterParser(
    entityPrefix: "launch_plan", fields: [.project, .domain, .name, .version, .createdAt, .updatedAt, .state])

  static func parser(_ kind: EntityKind) -> FilterParser {
    switch kind {
    case .task: taskFilters
    case .workflow: workflowFilters
    case .launchPlan: launchPlanFilters
    }
  }

  /// A registered task.
  public func task(_ id: Flyteidl_Core_Identifier) async throws(AdminError) -> Flyteidl_Admin_Task {
    try Self.task(try await stored(.task, id))
  }

  /// A registered workflow with its compiled closure.
  public func workflow(_ id: Flyteidl_Core_Identifier) async throws(AdminError) -> Flyteidl_Admin_Workflow {
    try Self.workflow(try await stored(.workflow, id))
  }

  /// A registered launch plan with its state.
  public func launchPlan(_ id: Flyteidl_Core_Identifier) async throws(AdminError) -> Flyteidl_Admin_LaunchPlan {
    try Self.launchPlan(try await stored(.launchPlan, id))
  }

  /// One page of tasks of a project and domain (and name, when given).
  public func tasks(_ request: Flyteidl_Admin_ResourceListRequest) async throws(AdminError) -> Flyteidl_Admin_TaskList {
    let page = try await entities(.task, request)
    var list = Flyteidl_Admin_TaskList()
    list.tasks = try page.items.map { (entity) throws(AdminError) in try Self.task(entity) }
    list.token = ListRequest.token(page)
    return list
  }

  /// One page of workflows.
  public func workflows(
    _ request: Flyteidl_Admin_ResourceListRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_WorkflowList
  {
    let page = try await entities(.workflow, request)
    var list = Flyteidl_Admin_WorkflowList()
    list.workflows = try page.items.map { (entity) throws(AdminError) in try Self.workflow(entity) }
    list.token = ListRequest.token(page)
    return list
  }

  /// One page of launch plans.
  public func launchPlans(
    _ request: Flyteidl_Admin_ResourceListRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_LaunchPlanList
  {
    let page = try await entities(.launchPlan, request)
    return try Self.launchPlanList(page)
  }

  /// One page of the names of entities of `kind` in a project and domain.
  public func names(
    _ kind: EntityKind, _ request: Flyteidl_Admin_NamedEntityIdentifierListRequest
  )
    async throws(AdminError) -> Flyteidl_Admin_NamedEntityIdentifierList
  {
    let scope = try ListRequest.scope(project: request.project, domain: request.domain)
    let query = try ListRequest(parser: Self.parser(kind)).query(
      scope: scope, filters: request.filters, sort: request.hasSortBy ? request.sortBy : nil, limit: request.limit,
      token: request.token)
    let page = try await store.entityNames(kind, query)
    var list = Flyteidl_Admin_NamedEntityIdentifierList()
    list.entities = page.items.map { name in
      var id = Flyteidl_Admin_NamedEntityIdentifier()
      id.project = name.project
      id.domain = name.domain
      id.name = name.name
      id.org = name.org
      return id
    }
    list.token = ListRequest.token(page)
    return list
  }

  /// One page of entities, cut at the response budget.
  func entities(
    _ kind: EntityKind, _ request: Flyteidl_Admin_ResourceListRequest
  ) async throws(AdminError) -> Page<RegisteredEntity> {
    let store = self.store
    return try await budget.page(
      try query(kind, request), size: { $0.spec.count + $0.closure.count },
      fetch: { (chunk) throws(AdminError) in try await store.entities(kind, chunk) })
  }

  func query(_ kind: EntityKind, _ request: Flyteidl_Admin_ResourceListRequest) throws(AdminError) -> ListQuery {
    let scope = try ListRequest.scope(project: request.id.project, domain: request.id.domain, name: request.id.name)
    return try ListRequest(parser: Self.parser(kind)).query(
      scope: scope, filters: request.filters, sort: request.hasSortBy ? request.sortBy : nil, limit: request.limit,
      token: request.token)
  }

  func stored(_ kind: EntityKind, _ id: Flyteidl_Core_Identifier) async throws(AdminError) -> RegisteredEntity {
    let key = try IdentifierCheck.key(id, kind)
    guard let entity = try await store.entity(kind, key) else {
      throw AdminError(.notFound, "no \(kind) is registered under this id", at: "\(kind) \(key)")
    }
    return entity
  }

  // MARK: Records to messages

  static func task(_ entity: RegisteredEntity) throws(AdminError) -> Flyteidl_Admin_Task {
    var task = Flyteidl_Admin_Task()
    task.id = entity.key.identifier(.task)
    task.closure = try decode(Flyteidl_Admin_TaskClosure.self, entity.closure, what: "task \(entity.key)")
    let spec = try decode(Flyteidl_Admin_TaskSpec.self, entity.spec, what: "task \(entity.key)")
    task.shortDescription = spec.description_p.shortDescription
    return task
  }

  static func workflow(_ entity: RegisteredEntity) throws(AdminError) -> Flyteidl_Admin_Workflow {
    var workflow = Flyteidl_Admin_Workflow()
    workflow.id = entity.key.identifier(.workflow)
    workflow.closure = try decode(Flyteidl_Admin_WorkflowClosure.self, entity.closure, what: "workflow \(entity.key)")
    let spec = try decode(Flyteidl_Admin_WorkflowSpec.self, entity.spec, what: "workflow \(entity.key)")
    workflow.shortDescription = spec.description_p.shortDescription
    return workflow
  }

  static func launchPlan(_ entity: RegisteredEntity) throws(AdminError) -> Flyteidl_Admin_LaunchPlan {
    var plan = Flyteidl_Admin_LaunchPlan()
    plan.id = entity.key.identifier(.launchPlan)
    plan.spec = try decode(Flyteidl_Admin_LaunchPlanSpec.self, entity.spec, what: "launch plan \(entity.key)")
    plan.closure = try decode(Flyteidl_Admin_LaunchPlanClosure.self, entity.closure, what: "launch plan \(entity.key)")
    plan.closure.state = entity.state == 1 ? .active : .inactive
    plan.closure.updatedAt = Google_Protobuf_Timestamp(date: entity.updatedAt)
    return plan
  }

  static func launchPlanList(_ page: Page<RegisteredEntity>) throws(AdminError) -> Flyteidl_Admin_LaunchPlanList {
    var list = Flyteidl_Admin_LaunchPlanList()
    list.launchPlans = try page.items.map { (entity) throws(AdminError) in try launchPlan(entity) }
    list.token = ListRequest.token(page)
    return list
  }
}
