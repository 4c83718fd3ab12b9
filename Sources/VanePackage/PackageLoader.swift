public import Foundation

/// Loads what `pyflyte package` writes — a `.tgz` of numbered `.pb` files, or a directory of
/// them — into a ``FlytePackage``, and gives identifiers without a project, domain or version
/// the loader's.
///
/// Files are told apart by name: `*_1.pb` holds an `admin.TaskSpec`, `*_2.pb` an
/// `admin.WorkflowSpec`, `*_3.pb` an `admin.LaunchPlan`, `fast*.tar.gz` the user's code;
/// other files are ignored. Every problem is collected and reported together in one
/// ``PackageLoadFailure``.
public struct PackageLoader: Sendable {
  /// Project for identifiers that have none.
  public var project: String
  /// Domain for identifiers that have none.
  public var domain: String
  /// Version for identifiers that have none; when `nil`, the digest in the code archive's
  /// name, or else a digest of the package's entity files.
  public var version: String?
  /// The most bytes an archive (and the code archive inside it) may expand to.
  public var maxExpandedBytes: Int

  /// Creates a loader; the defaults match a fresh Flyte sandbox.
  public init(
    project: String = "flytesnacks", domain: String = "development", version: String? = nil,
    maxExpandedBytes: Int = 1 << 30
  ) {
    self.project = project
    self.domain = domain
    self.version = version
    self.maxExpandedBytes = maxExpandedBytes
  }

  /// Loads the archive file or directory at `url`.
  public func load(from url: URL) throws(PackageLoadFailure) -> FlytePackage {
    let path = url.path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw PackageLoadFailure([
        PackageError(.notFound, "no such file or directory; pass the .tgz written by `pyflyte package`", path: path)
      ])
    }
    if isDirectory.boolValue {
      let location = PackageLocation(source: path, isDirectory: true)
      let (members, errors) = readDirectory(url, location)
      return try assemble(members, errors, location)
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw PackageLoadFailure([
        PackageError(.unreadable, "cannot read the file: \(error.localizedDescription)", path: path)
      ])
    }
    return try load(archive: data, named: path)
  }

  /// Loads a package archive held in memory; `name` says where it came from in messages.
  public func load(archive data: Data, named name: String) throws(PackageLoadFailure) -> FlytePackage {
    let location = PackageLocation(source: name, isDirectory: false)
    let (members, problems) = readArchive(data)
    return try assemble(members, problems.map { location.error($0) }, location)
  }
}

/// Where a package came from, to say where a problem is.
struct PackageLocation: Sendable {
  /// The archive file or directory.
  let source: String
  /// Whether members are files under `source` (else members of an archive).
  let isDirectory: Bool

  /// `source:member` for an archive, `source/member` for a directory.
  func path(of member: String?) -> String {
    guard let member else { return source }
    return isDirectory ? (source.hasSuffix("/") ? source + member : source + "/" + member) : source + ":" + member
  }

  func error(_ code: PackageError.Code, _ message: String, member: String? = nil) -> PackageError {
    PackageError(code, message, path: path(of: member), member: member)
  }

  func error(_ problem: ArchiveProblem) -> PackageError {
    error(problem.code, problem.message, member: problem.member)
  }
}
