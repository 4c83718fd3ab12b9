import Foundation

extension PostgresSettings {
  /// Sets the parts `text` contains — `postgres://user:password@host:port/database` (or
  /// `postgresql://`); missing parts keep their values. `invalidArgument` (naming the URL with
  /// its password hidden) when it is not such a URL.
  public mutating func apply(url text: String) throws(AdminError) {
    guard let components = URLComponents(string: text), let scheme = components.scheme,
      scheme == "postgres" || scheme == "postgresql"
    else {
      throw AdminError(
        .invalidArgument, "expected postgres://user:password@host:port/database, got '\(Self.redacted(text))'",
        at: "PostgreSQL URL")
    }
    if let host = components.host, !host.isEmpty { self.host = host }
    if let port = components.port { self.port = port }
    if let user = components.user, !user.isEmpty { self.user = user.removingPercentEncoding ?? user }
    if let password = components.password { self.password = password.removingPercentEncoding ?? password }
    let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    if !database.isEmpty { self.database = database }
  }

  /// The settings a URL names, over the defaults.
  public init(url: String) throws(AdminError) {
    self.init()
    try apply(url: url)
  }

  /// The URL with any password replaced by `***`, for messages.
  public static func redacted(_ text: String) -> String {
    guard var components = URLComponents(string: text), components.password != nil else { return text }
    components.password = "***"
    return components.string ?? text
  }
}
