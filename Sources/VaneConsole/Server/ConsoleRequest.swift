/// What a console route reads from a request: the path's project, domain and name, the query
/// string (decoded), and for posts the form body — one shape whatever the route.
public struct ConsoleRequest: Sendable {
  public var path: String
  public var query: [String: String]
  public var form: [String: String]
  public var project: String
  public var domain: String
  /// Messages for the page from the action that failed (never read from the URL).
  public var flash: [String: String] = [:]

  public init(
    path: String, query: [String: String], form: [String: String] = [:], project: String = "", domain: String = ""
  ) {
    self.path = path
    self.query = query
    self.form = form
    self.project = project
    self.domain = domain
  }

  /// The query value of `name`, nil when absent or empty.
  public func parameter(_ name: String) -> String? {
    guard let value = query[name], !value.isEmpty else { return nil }
    return value
  }

  /// A positive page number from the query (1 when absent or malformed).
  public func page(_ name: String = "page") -> Int {
    guard let text = parameter(name), let page = Int(text), page > 0 else { return 1 }
    return min(page, 1_000_000)
  }

  /// The set of element ids in a comma-separated query value (the graph's expanded nodes).
  public func idSet(_ name: String) -> Set<String> {
    guard let text = parameter(name) else { return [] }
    return Set(text.split(separator: ",").map(String.init).filter { !$0.isEmpty }.prefix(64))
  }
}
