/// The console's URLs, built in one place. Execution pages follow flyteconsole's scheme
/// (`/console/projects/{p}/domains/{d}/executions/{name}`) so the link `pyflyte run --remote`
/// prints opens them, and so do entity pages (`…/{workflow|task|launch_plan}/{name}/version/{v}`).
public enum ConsolePaths {
  public static let root = "/console"

  static func segment(_ text: String) -> String { HTML.percentEncoded(text) }

  public static func domain(_ project: String, _ domain: String) -> String {
    "\(root)/projects/\(segment(project))/domains/\(segment(domain))"
  }

  public static func executions(_ project: String, _ domain: String) -> String {
    Self.domain(project, domain) + "/executions"
  }

  public static func execution(_ project: String, _ domain: String, _ name: String) -> String {
    executions(project, domain) + "/" + segment(name)
  }

  public static func node(_ project: String, _ domain: String, _ name: String, _ node: String) -> String {
    execution(project, domain, name) + "/nodes/" + segment(node)
  }

  /// `kind` is `launch_plan`, `workflow` or `task` (flyteconsole's words).
  public static func entities(_ project: String, _ domain: String, _ kind: String) -> String {
    Self.domain(project, domain) + "/\(kind)s"
  }

  public static func entity(_ project: String, _ domain: String, _ kind: String, _ name: String) -> String {
    Self.domain(project, domain) + "/\(kind)/\(segment(name))"
  }

  public static func version(
    _ project: String, _ domain: String, _ kind: String, _ name: String, _ version: String
  )
    -> String
  {
    entity(project, domain, kind, name) + "/version/" + segment(version)
  }

  /// `path` with a query string of the non-empty `parameters` (sorted by name).
  public static func with(_ path: String, _ parameters: [String: String]) -> String {
    let pairs = parameters.keys.sorted().compactMap { key -> String? in
      guard let value = parameters[key], !value.isEmpty else { return nil }
      return "\(HTML.percentEncoded(key))=\(HTML.percentEncoded(value))"
    }
    return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
  }
}
