public import FlyteIDL
import Foundation
public import VaneAdminStore
import VaneModel

extension Registry {
  /// Activates or deactivates a launch plan; activating one deactivates its other versions.
  public func updateLaunchPlan(_ request: Flyteidl_Admin_LaunchPlanUpdateRequest) async throws(AdminError) {
    let key = try IdentifierCheck.key(request.id, .launchPlan)
    switch request.state {
    case .active, .inactive:
      try await store.setLaunchPlanState(key, active: request.state == .active, at: now())
    case .UNRECOGNIZED(let value):
      throw AdminError(.invalidArgument, "unknown launch plan state \(value); use ACTIVE or INACTIVE", at: "state")
    }
  }

  /// The active version of a launch plan name.
  public func activeLaunchPlan(
    _ request: Flyteidl_Admin_ActiveLaunchPlanRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_LaunchPlan
  {
    let name = try IdentifierCheck.name(request.id)
    guard let entity = try await store.activeLaunchPlan(name) else {
      throw AdminError(
        .notFound, "no version of this launch plan is active; activate one with UpdateLaunchPlan",
        at: "launch plan \(name.project):\(name.domain):\(name.name)")
    }
    return try Self.launchPlan(entity)
  }

  /// One page of the active launch plans of a project and domain.
  public func activeLaunchPlans(
    _ request: Flyteidl_Admin_ActiveLaunchPlanListRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_LaunchPlanList
  {
    let scope = try ListRequest.scope(project: request.project, domain: request.domain)
    var query = try ListRequest(parser: Self.launchPlanFilters).query(
      scope: scope, filters: "", sort: request.hasSortBy ? request.sortBy : nil, limit: request.limit,
      token: request.token)
    query.filters.append(ListFilter(field: .state, op: .equal, values: [.integer(1)]))
    return try Self.launchPlanList(try await store.entities(.launchPlan, query))
  }
}
