import Foundation

/// Secrets kept as files, the way Flyte's secret injector mounts Kubernetes secrets
/// (`<dir>/<group>/<key>`), with per-project scoping:
///
/// ```
/// <root>/projects/<project>/<group>/<key>   only tasks of <project> get it (wins)
/// <root>/shared/<group>/<key>               tasks of every project get it
/// ```
///
/// A file's content is the value; trailing newlines are kept, as flytekit strips whitespace
/// itself when it reads a secret. Files are read when a task starts, so a changed file takes
/// effect for the next task without a restart. Symbolic links are followed only inside the
/// root (as Kubernetes' `..data` links are).
public struct DirectorySecretSource: SecretSource {
  /// The largest secret read, in bytes (Kubernetes caps a secret at 1 MiB too).
  public static let maxBytes = 1 << 20

  /// The directory holding `projects/` and `shared/`.
  public let root: String

  /// A source reading secrets under `root`.
  public init(root: String) {
    self.root = URL(fileURLWithPath: root).standardizedFileURL.path
  }

  public var summary: String { "\(root)/projects/<project>/<group>/<key> and \(root)/shared/<group>/<key>" }

  public func secret(_ name: SecretName, project: String) throws(SecretError) -> String? {
    for directory in try directories(project) {
      let path = directory + "/" + name.relativePath
      if let value = try read(path, name) { return value }
    }
    return nil
  }

  public func keys(in group: String, project: String) throws(SecretError) -> [String] {
    try SecretName.check(group, "group")
    var keys: Set<String> = []
    for directory in try directories(project) {
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + group)) ?? []
      keys.formUnion(entries.filter { !$0.hasPrefix(".") && (try? SecretName.check($0, "key")) != nil })
    }
    return keys.sorted()
  }

  private func directories(_ project: String) throws(SecretError) -> [String] {
    try SecretName.check(project, "project")
    return [root + "/projects/" + project, root + "/shared"]
  }

  private func read(_ path: String, _ name: SecretName) throws(SecretError) -> String? {
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else {
      return nil
    }
    let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
    guard resolved.hasPrefix(realRoot + "/") else {
      throw SecretError(.unreadable, "the secret \(name) at \(path) links outside \(root)")
    }
    let data: Data
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: resolved))
      defer { try? handle.close() }
      data = try handle.read(upToCount: Self.maxBytes + 1) ?? Data()
    } catch {
      throw SecretError(.unreadable, "the secret \(name) at \(path) cannot be read: \(error.localizedDescription)")
    }
    guard data.count <= Self.maxBytes else {
      throw SecretError(.unreadable, "the secret \(name) at \(path) is larger than 1 MiB")
    }
    guard let text = String(data: data, encoding: .utf8), !text.contains("\0") else {
      throw SecretError(
        .unreadable, "the secret \(name) at \(path) is not UTF-8 text (secrets reach tasks as environment variables)")
    }
    return text
  }
}
