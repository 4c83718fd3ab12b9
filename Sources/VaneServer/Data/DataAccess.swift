import Foundation
public import VaneAdmin
import VaneAdminStore

#if canImport(Glibc)
import Glibc
#endif

/// What the data endpoints may serve, and to whom.
///
/// Downloads are limited to data that belongs to something a client can name: uploads
/// (`<data dir>/uploads/<project>/<domain>/…`), an execution's metadata (its directory under
/// the metadata root, owner found through `DataOwnership`) and task outputs under the raw
/// output root. Nothing else of the data directory — `vane.db` and its WAL, `config.yaml`,
/// `auth/`, `audit/`, task work directories — is ever served, symbolic links are not followed
/// (the path's real location must be the path itself), and only regular files are served.
///
/// With authentication on, the caller needs `read` on the owning project (for raw outputs,
/// whose paths do not name a project, `read` everywhere); grants carry their subject and are
/// checked again when used, so revoking a client revokes its outstanding URLs.
public struct DataAccess: Sendable {
  /// Where a downloadable file lives.
  enum Area: Equatable {
    case upload(project: String)
    case execution(projects: Set<String>)
    case rawOutput
  }

  let dataDirectory: String
  let owners: DataOwnership?
  let clients: ClientRegistry?

  public init(dataDirectory: String, owners: DataOwnership?, clients: ClientRegistry?) {
    self.dataDirectory = Self.realPath(dataDirectory) ?? dataDirectory
    self.owners = owners
    self.clients = clients
  }

  var uploadsRoot: String { dataDirectory + "/uploads" }
  var metadataRoot: String { dataDirectory + "/metadata" }
  var rawRoot: String { dataDirectory + "/raw" }

  /// The canonical path of a downloadable regular file named by `nativeURL`, and the projects
  /// it belongs to (nil: every project). Throws `invalidArgument` outside the served areas,
  /// `notFound` for a missing file, `permissionDenied` for a link or a special file.
  func downloadable(_ nativeURL: String) async throws(AdminError) -> (path: String, projects: Set<String>?) {
    let at = "native_url \(nativeURL)"
    guard let url = URL(string: nativeURL), url.isFileURL || nativeURL.hasPrefix("/") else {
      throw AdminError(.invalidArgument, "only file:// URLs of this server's data directory", at: at)
    }
    let path = url.isFileURL ? url.standardizedFileURL.path : URL(fileURLWithPath: nativeURL).standardizedFileURL.path
    guard let status = FileStatus(path: path) else { throw AdminError(.notFound, "no such file", at: at) }
    guard status.isRegularFile else {
      throw AdminError(.permissionDenied, "only regular files are served (not links or directories)", at: at)
    }
    guard Self.realPath(path) == path else {
      throw AdminError(.permissionDenied, "the path goes through a symbolic link", at: at)
    }
    switch try await area(of: path) {
    case .upload(let project)?: return (path, [project])
    case .execution(let projects)?: return (path, projects)
    case .rawOutput?: return (path, nil)
    case nil:
      throw AdminError(
        .invalidArgument, "only uploads, execution data and task outputs of the data directory are served", at: at)
    }
  }

  func area(of path: String) async throws(AdminError) -> Area? {
    if path.hasPrefix(uploadsRoot + "/") {
      let parts = path.dropFirst(uploadsRoot.count + 1).split(separator: "/")
      guard parts.count >= 3 else { return nil }
      return .upload(project: String(parts[0]))
    }
    if path.hasPrefix(rawRoot + "/") { return .rawOutput }
    if path.hasPrefix(metadataRoot + "/"), let owners {
      let executions = try await owners.executions(containing: path)
      guard !executions.isEmpty else { return nil }
      return .execution(projects: Set(executions.map(\.project)))
    }
    return nil
  }

  /// Refuses `principal` when it lacks `role` in any of `projects` (nil: every project).
  /// Without authentication (no clients) everything is allowed.
  func authorize(_ principal: Principal?, _ role: Role, projects: Set<String>?, what: String) throws(AdminError) {
    guard clients != nil else { return }
    let access = MethodAccess(role: role, projectFree: false)
    let decision = AuthorizationPolicy().decide(principal, access: access, what: what, projects: projects ?? [])
    switch decision {
    case .allow: return
    case .unauthenticated(let message), .denied(let message): throw AdminError(.permissionDenied, message, at: what)
    }
  }

  /// Whether a grant's subject still holds the role it was issued under (its client may have
  /// been removed or changed since). Grants without a subject were issued with auth off.
  func stillAllowed(_ grant: TransferGrants.Grant, role: Role) -> Bool {
    guard let clients else { return true }
    guard let subject = grant.subject else { return false }
    let issuer = grant.issuer ?? "vane"
    let roles = issuer == "vane" ? clients.roles(ofClient: subject) : clients.roles(ofSubject: subject, issuer: issuer)
    guard let roles else { return false }
    let principal = Principal(subject: subject, issuer: issuer, roles: roles)
    if let project = grant.project { return principal.holds(role, in: project) }
    return principal.holdsEverywhere(role)
  }

  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
