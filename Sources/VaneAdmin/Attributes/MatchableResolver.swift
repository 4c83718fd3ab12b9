public import VaneAdminStore

/// Picks the matchable attribute that applies to a project, domain and workflow, as
/// FlyteAdmin's resource repository does: a stored row applies when each of its project,
/// domain, workflow and launch plan is empty ("any") or equal to the asked one, and of the rows
/// that apply the most specific wins — launch plan (priority 1000) > workflow (100) >
/// project-domain (10) > project (5). Pure: the caller passes the rows of one resource type.
public enum MatchableResolver {
  /// What an attribute is wanted for; empty fields ask for nothing more specific.
  public struct Query: Sendable, Hashable {
    public var org: String
    public var project: String
    public var domain: String
    public var workflow: String
    public var launchPlan: String

    public init(org: String = "", project: String, domain: String = "", workflow: String = "", launchPlan: String = "")
    {
      (self.org, self.project, self.domain, self.workflow, self.launchPlan) = (
        org, project, domain, workflow, launchPlan
      )
    }
  }

  /// Flyte's priority of a row's level (`models.ResourcePriority*`).
  public static func priority(_ scope: MatchableScope) -> Int {
    if !scope.launchPlan.isEmpty { return 1000 }
    if !scope.workflow.isEmpty { return 100 }
    if !scope.domain.isEmpty { return 10 }
    return 5
  }

  /// Whether the row of `scope` applies to `query`. The org must match exactly: orgs are
  /// separate tenants, never a wildcard.
  public static func applies(_ scope: MatchableScope, to query: Query) -> Bool {
    func matches(_ stored: String, _ asked: String) -> Bool { stored.isEmpty || stored == asked }
    return scope.org == query.org && matches(scope.project, query.project) && matches(scope.domain, query.domain)
      && matches(scope.workflow, query.workflow) && matches(scope.launchPlan, query.launchPlan)
  }

  /// The most specific of `records` that applies to `query`, or nil. Rows of one level that
  /// both apply can only differ in an empty field Flyte's RPCs never leave empty (a project-less
  /// row); the first in the given order wins then.
  public static func resolve(_ records: [MatchableAttributeRecord], for query: Query) -> MatchableAttributeRecord? {
    var best: MatchableAttributeRecord?
    for record in records where applies(record.scope, to: query) {
      if best.map({ priority(record.scope) > priority($0.scope) }) ?? true { best = record }
    }
    return best
  }
}
