/// Who may do what on which project: a pure function of the caller, the method and the
/// projects the request names. Transport-free; the gRPC interceptor, the HTTP endpoints and
/// the console enforce its answers.
///
/// - no principal → `unauthenticated`;
/// - a project-free method (``MethodAccess/projectFree``) → allowed to anyone authenticated;
/// - a request naming projects → the method's role is needed in each of them;
/// - a request naming none (a method this policy cannot scope) → the role is needed in every
///   project (the `*` grant), so an unscoped call never slips past a per-project grant.
public struct AuthorizationPolicy: Sendable {
  public init() {}

  /// The decision for `principal` calling `method` on `projects`.
  public func decide(_ principal: Principal?, method: String, projects: Set<String>) -> AccessDecision {
    decide(principal, access: MethodAccess.of(method: method), what: method, projects: projects)
  }

  /// The decision for `principal` doing something that needs `access` (`what` names it in
  /// the message) on `projects`.
  public func decide(
    _ principal: Principal?, access: MethodAccess, what: String, projects: Set<String>
  ) -> AccessDecision {
    guard let principal else {
      return .unauthenticated("\(what) needs an access token; configure client credentials (docs/configuration.md)")
    }
    if access.projectFree { return .allow }
    if projects.isEmpty {
      guard principal.holdsEverywhere(access.role) else {
        return .denied("\(principal.subject) needs the \(access.role.rawValue) role in every project for \(what)")
      }
      return .allow
    }
    for project in projects.sorted() where !principal.holds(access.role, in: project) {
      return .denied(
        "\(principal.subject) needs the \(access.role.rawValue) role in project '\(project)' for \(what)")
    }
    return .allow
  }
}
