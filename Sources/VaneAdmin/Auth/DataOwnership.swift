public import VaneAdminStore
public import VaneData

/// Which executions a file of the data directory belongs to, so that a download URL is
/// handed out only for data of an execution the caller may read.
///
/// The answer comes from the layout itself, not from parsing directory names: for every
/// known project and domain, the layout's directory of an execution with an empty name is
/// the prefix its executions share; the path component after it is a candidate name, kept
/// only when the layout maps that name back to a prefix of the path and the execution exists.
/// It stays right when the layout changes, and an ambiguous name (`a/b-c/x` vs `a-b/c/x` under
/// a `<project>-<domain>-<name>` layout) yields every execution it could belong to.
public struct DataOwnership: Sendable {
  let store: any AdminStore
  let layout: DataLayout

  public init(store: any AdminStore, layout: DataLayout) {
    self.store = store
    self.layout = layout
  }

  /// The executions (project, domain, name) whose execution directory contains `path` (a
  /// local path, or a URI of the metadata store); empty when none does.
  public func executions(containing path: String) async throws(AdminError) -> [EntityName] {
    let uri = path.contains("://") ? path : DataURI(filePath: path).rawValue
    var owners: [EntityName] = []
    for project in try await store.projects() {
      for domain in ProjectDirectory.domains {
        let prefix = layout.executionDirectory(project: project.id, domain: domain.id, name: "").rawValue
        guard uri.hasPrefix(prefix) else { continue }
        let rest = uri.dropFirst(prefix.count)
        let name = String(rest.prefix { $0 != "/" })
        guard !name.isEmpty else { continue }
        let directory = layout.executionDirectory(project: project.id, domain: domain.id, name: name).rawValue
        guard uri == directory || uri.hasPrefix(directory + "/") else { continue }
        let candidate = EntityName(org: project.org, project: project.id, domain: domain.id, name: name)
        if try await store.execution(candidate) != nil { owners.append(candidate) }
      }
    }
    return owners
  }
}
