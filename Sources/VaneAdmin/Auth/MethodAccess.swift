/// What an RPC needs, derived from its name so that methods added later are covered without
/// being listed: `Get…`, `List…` and `Watch…` read; everything else writes; a few methods that
/// change a project itself need `admin`. A method that names no project needs its role in
/// every project unless it is one of the few that concern no project at all.
public struct MethodAccess: Sendable, Hashable {
  /// The role the caller must hold in every project the request names.
  public var role: Role
  /// True when the method concerns no project (`GetVersion`, `GetDomains`, `ListProjects`):
  /// any authenticated caller may use it.
  public var projectFree: Bool

  public init(role: Role, projectFree: Bool) {
    self.role = role
    self.projectFree = projectFree
  }

  /// Methods any authenticated caller may call; `ListProjects` answers only the projects
  /// the caller can see.
  /// `CreateDownloadLocation` names a file, not a project: the data proxy finds the project
  /// the file belongs to and checks the read role there itself.
  static let projectFreeMethods: Set<String> = ["GetVersion", "GetDomains", "ListProjects", "CreateDownloadLocation"]

  /// Methods named `Create…` that only read.
  static let readMethods: Set<String> = ["CreateDownloadLink"]

  /// Methods that change a project or its configuration.
  static let adminMethods: Set<String> = [
    "RegisterProject", "UpdateProject",
    "UpdateProjectAttributes", "DeleteProjectAttributes",
    "UpdateProjectDomainAttributes", "DeleteProjectDomainAttributes",
    "UpdateWorkflowAttributes", "DeleteWorkflowAttributes",
  ]

  static let readPrefixes = ["Get", "List", "Watch"]

  /// The access `method` (the bare RPC name, e.g. `CreateExecution`) needs.
  public static func of(method: String) -> MethodAccess {
    if projectFreeMethods.contains(method) { return MethodAccess(role: .read, projectFree: true) }
    if adminMethods.contains(method) { return MethodAccess(role: .admin, projectFree: false) }
    if readMethods.contains(method) || readPrefixes.contains(where: { method.hasPrefix($0) }) {
      return MethodAccess(role: .read, projectFree: false)
    }
    return MethodAccess(role: .write, projectFree: false)
  }

  /// Whether a call of this method changes something (and so is always audited).
  public var mutates: Bool { role > .read }
}
