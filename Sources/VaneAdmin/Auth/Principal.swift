/// Who is calling, once a token has been verified: the client (or external subject) and the
/// role it holds in each project.
///
/// `roles` maps a project name to a role; the key `*` (``Principal/allProjects``) gives a role
/// in every project, including projects created later.
public struct Principal: Sendable, Hashable {
  /// The key of `roles` that stands for every project.
  public static let allProjects = "*"

  /// The client id of a Vane-issued token, or the subject of an external issuer's token.
  public var subject: String
  /// Who vouched for the subject: `vane` for Vane's own tokens, else the external issuer URL.
  public var issuer: String
  /// Project name (or `*`) → role.
  public var roles: [String: Role]

  public init(subject: String, issuer: String, roles: [String: Role]) {
    self.subject = subject
    self.issuer = issuer
    self.roles = roles
  }

  /// The strongest role the principal holds in `project` (its own grant or the `*` grant).
  public func role(in project: String) -> Role? {
    let own = roles[project]
    let every = roles[Self.allProjects]
    switch (own, every) {
    case (let own?, let every?): return max(own, every)
    case (let own?, nil): return own
    case (nil, let every?): return every
    case (nil, nil): return nil
    }
  }

  /// Whether the principal holds at least `role` in `project`.
  public func holds(_ role: Role, in project: String) -> Bool {
    guard let held = self.role(in: project) else { return false }
    return held >= role
  }

  /// Whether the principal holds at least `role` in every project (through the `*` grant).
  public func holdsEverywhere(_ role: Role) -> Bool {
    guard let every = roles[Self.allProjects] else { return false }
    return every >= role
  }

  /// Whether the principal may see `project` at all (any role in it).
  public func canSee(_ project: String) -> Bool { role(in: project) != nil }
}
