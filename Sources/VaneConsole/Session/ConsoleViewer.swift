/// Who is looking at the console and what they may do in each project. With authentication
/// off there is one viewer who may do everything (``ConsoleViewer/everyone``).
public struct ConsoleViewer: Sendable, Hashable {
  /// What a viewer may do in a project; each includes the ones below it.
  public enum Role: Int, Sendable, Hashable, Comparable {
    /// See executions, entities, inputs, outputs and logs.
    case read
    /// Also launch, abort, relaunch, recover and set signals.
    case write
    /// Also change the project itself.
    case admin

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// The key of `roles` that stands for every project.
  public static let allProjects = "*"

  /// Who signed in (a client id or token subject); empty for ``everyone``.
  public var subject: String
  /// Project → role; `*` gives a role everywhere.
  public var roles: [String: Role]
  /// Whether the viewer signed in (false when authentication is off).
  public var signedIn: Bool

  public init(subject: String, roles: [String: Role], signedIn: Bool = true) {
    self.subject = subject
    self.roles = roles
    self.signedIn = signedIn
  }

  /// The viewer when authentication is off: may do everything everywhere.
  public static let everyone = ConsoleViewer(subject: "", roles: [allProjects: .admin], signedIn: false)

  /// The strongest role held in `project`.
  public func role(in project: String) -> Role? {
    switch (roles[project], roles[Self.allProjects]) {
    case (let own?, let every?): max(own, every)
    case (let own?, nil): own
    case (nil, let every?): every
    case (nil, nil): nil
    }
  }

  /// Whether the viewer holds at least `role` in `project`.
  public func may(_ role: Role, in project: String) -> Bool {
    guard let held = self.role(in: project) else { return false }
    return held >= role
  }

  /// Throws `forbidden` unless the viewer holds `role` in `project`.
  public func require(_ role: Role, in project: String, to action: String) throws(ConsoleError) {
    guard may(role, in: project) else {
      throw ConsoleError(
        .forbidden,
        "\(subject) needs the \(role == .read ? "read" : role == .write ? "write" : "admin") role in project '\(project)' to \(action)"
      )
    }
  }
}
