import FlyteIDL
import Foundation
import VaneAdminStore
import VaneData

/// What an execution request may not ask for, whoever sends it:
///
/// - environment variables that change how a task process starts or whom it claims to be —
///   the dynamic loader's (`LD_*`), `PATH`, Python's start-up (`PYTHON*`), shell start-up files
///   (`BASH_ENV`, `ENV`) and the identity Vane gives every task (`FLYTE_INTERNAL_*`,
///   `FLYTE_ATTEMPT_NUMBER`) — or names that are not variable names, and more than
///   ``maxVariables`` of them or values over ``maxValueBytes``;
/// - local files outside the data the project may read: a `file://` URI (or absolute path) in
///   the inputs or as the raw output prefix must lie under the metadata root, the raw output
///   root or the project's own uploads — never `/etc/passwd`, another project's uploads, or
///   anywhere through `..`.
struct ExecutionRequestCheck {
  static let maxVariables = 256
  static let maxValueBytes = 32 * 1024
  static let deniedNames: Set<String> = ["PATH", "BASH_ENV", "ENV", "IFS", "SHELLOPTS", "FLYTE_ATTEMPT_NUMBER"]
  static let deniedPrefixes = ["LD_", "PYTHON", "FLYTE_INTERNAL_", "DYLD_"]

  let layout: DataLayout

  static func environment(_ variables: [String: String], at location: String) throws(AdminError) {
    guard variables.count <= maxVariables else {
      throw AdminError(.invalidArgument, "at most \(maxVariables) environment variables", at: location)
    }
    for (name, value) in variables.sorted(by: { $0.key < $1.key }) {
      let valid =
        name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
        && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
      guard valid else {
        throw AdminError(.invalidArgument, "'\(name.prefix(64))' is not an environment variable name", at: location)
      }
      guard !deniedNames.contains(name), !deniedPrefixes.contains(where: { name.hasPrefix($0) }) else {
        throw AdminError(
          .invalidArgument,
          "\(name) cannot be set for an execution: it changes how task processes start or who they are",
          at: "\(location)[\(name)]")
      }
      guard value.utf8.count <= maxValueBytes else {
        throw AdminError(.invalidArgument, "values are limited to \(maxValueBytes) bytes", at: "\(location)[\(name)]")
      }
    }
  }

  /// Roots local data may come from, as `/`-terminated paths.
  var localRoots: [String] {
    var roots: [String] = []
    for root in [layout.metadataRoot, layout.rawOutputRoot] where root.scheme == "file" {
      roots.append(Self.directory(root.afterScheme))
    }
    return roots
  }

  /// The project's uploads: `<data dir>/uploads/<project>/` beside the embedded metadata root
  /// (every project's uploads for an empty `project`).
  func uploadsRoot(project: String) -> String? {
    guard layout.metadataRoot.scheme == "file" else { return nil }
    let metadata = URL(fileURLWithPath: layout.metadataRoot.afterScheme)
    return Self.directory(
      metadata.deletingLastPathComponent().appendingPathComponent("uploads").appendingPathComponent(project).path)
  }

  /// Refuses any local reference of `literals` outside the allowed roots.
  func localReferences(_ literals: Flyteidl_Core_LiteralMap, project: String) throws(AdminError) {
    for (name, literal) in literals.literals.sorted(by: { $0.key < $1.key }) {
      try check(literal, project: project, at: "inputs.\(name)", depth: 0)
    }
  }

  /// Refuses a local raw output prefix outside the raw output root.
  func rawOutputPrefix(_ prefix: String) throws(AdminError) {
    guard let path = Self.localPath(prefix) else { return }
    let raw = layout.rawOutputRoot
    guard raw.scheme == "file", (Self.directory(path)).hasPrefix(Self.directory(raw.afterScheme)) else {
      throw AdminError(
        .invalidArgument, "a local raw output prefix must lie under \(raw.rawValue)",
        at: "spec.raw_output_data_config.output_location_prefix")
    }
  }

  private func check(
    _ literal: Flyteidl_Core_Literal, project: String, at location: String, depth: Int
  )
    throws(AdminError)
  {
    guard depth < 64 else { throw AdminError(.invalidArgument, "literals nest too deeply", at: location) }
    switch literal.value {
    case .scalar(let scalar)?:
      switch scalar.value {
      case .blob(let blob)?: try uri(blob.uri, project: project, at: location)
      case .schema(let schema)?: try uri(schema.uri, project: project, at: location)
      case .structuredDataset(let dataset)?: try uri(dataset.uri, project: project, at: location)
      case .union(let union)?: try check(union.value, project: project, at: location, depth: depth + 1)
      default: break
      }
    case .collection(let collection)?:
      for (index, item) in collection.literals.enumerated() {
        try check(item, project: project, at: "\(location)[\(index)]", depth: depth + 1)
      }
    case .map(let map)?:
      for (key, item) in map.literals { try check(item, project: project, at: "\(location)[\(key)]", depth: depth + 1) }
    case .offloadedMetadata(let offloaded)?:
      try uri(offloaded.uri, project: project, at: location)
    default: break
    }
  }

  private func uri(_ text: String, project: String, at location: String) throws(AdminError) {
    guard let path = Self.localPath(text) else { return }
    // The real location counts: a link planted under an allowed root does not lead out of it.
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    // Roots count as written and as resolved (the data directory may sit behind a link).
    func under(_ root: String?, _ candidate: String) -> Bool {
      guard let root else { return false }
      let real = Self.directory(URL(fileURLWithPath: root).resolvingSymlinksInPath().path)
      return candidate.hasPrefix(root) || candidate.hasPrefix(real)
    }
    let uploads = uploadsRoot(project: "")
    for candidate in [path, resolved] {
      let allowed: Bool
      if under(uploads, candidate) {
        allowed = under(uploadsRoot(project: project), candidate)
      } else {
        allowed = localRoots.contains { under($0, candidate) }
      }
      guard allowed else {
        throw AdminError(
          .invalidArgument,
          "'\(text.prefix(200))' is a local file outside this project's data; use an upload or an execution's data",
          at: location)
      }
    }
  }

  /// The normalised local path of a `file://` URI or absolute path; nil for other schemes.
  static func localPath(_ text: String) -> String? {
    if text.hasPrefix("/") { return URL(fileURLWithPath: text).standardizedFileURL.path }
    let uri = DataURI(text)
    guard uri.scheme == "file" else { return nil }
    return URL(fileURLWithPath: uri.afterScheme).standardizedFileURL.path
  }

  static func directory(_ path: String) -> String { path.hasSuffix("/") ? path : path + "/" }
}
