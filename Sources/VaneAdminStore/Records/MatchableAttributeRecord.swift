public import Foundation

/// Where a matchable attribute applies (FlyteAdmin's resource id): a project, a project and
/// domain, or a workflow (project, domain, workflow name). The launch plan level exists in
/// Flyte's table but no RPC sets it; it is kept so a stored row round-trips. Empty fields
/// mean "any": the less specific the scope, the more empty fields.
public struct MatchableScope: Sendable, Hashable {
  public var org: String
  public var project: String
  public var domain: String
  public var workflow: String
  public var launchPlan: String

  public init(org: String = "", project: String, domain: String = "", workflow: String = "", launchPlan: String = "") {
    self.org = org
    self.project = project
    self.domain = domain
    self.workflow = workflow
    self.launchPlan = launchPlan
  }
}

/// One matchable attribute: a scope, a resource type (`admin.MatchableResource`) and the
/// encoded `admin.MatchingAttributes` that apply there. One row per (scope, type).
public struct MatchableAttributeRecord: Sendable, Hashable {
  public var scope: MatchableScope
  /// `admin.MatchableResource` (0 TASK_RESOURCE … 8 WORKFLOW_EXECUTION_CONFIG …).
  public var resourceType: Int
  /// An encoded `admin.MatchingAttributes` whose oneof matches `resourceType`.
  public var attributes: Data

  public init(scope: MatchableScope, resourceType: Int, attributes: Data) {
    self.scope = scope
    self.resourceType = resourceType
    self.attributes = attributes
  }
}
