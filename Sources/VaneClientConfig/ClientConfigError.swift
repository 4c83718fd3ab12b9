/// A config file the remote commands cannot use: which file, which key (dotted, e.g.
/// `admin.insecure`; nil when the file as a whole is unreadable or not YAML) and what is wrong.
public struct ClientConfigError: Error, Equatable, Sendable, CustomStringConvertible {
  public let path: String
  public let key: String?
  public let problem: String

  public init(path: String, key: String?, problem: String) {
    self.path = path
    self.key = key
    self.problem = problem
  }

  public var description: String {
    if let key { return "\(path): \(key): \(problem)" }
    return "\(path): \(problem)"
  }
}
