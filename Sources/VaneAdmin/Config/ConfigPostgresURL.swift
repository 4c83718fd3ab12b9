import Foundation

/// `postgres://user:password@host:port/database` (or `postgresql://`): sets the parts the URL
/// contains; missing parts keep their values.
enum ConfigPostgresURL {
  static func apply(_ text: String, to settings: inout Config.Postgres) throws(ConfigValueError) {
    guard let components = URLComponents(string: text), let scheme = components.scheme,
      scheme == "postgres" || scheme == "postgresql"
    else {
      throw ConfigValueError(
        code: .invalidValue, message: "expected postgres://user:password@host:port/database, got '\(redacted(text))'")
    }
    if let host = components.host, !host.isEmpty { settings.host = host }
    if let port = components.port { settings.port = port }
    if let user = components.user, !user.isEmpty { settings.user = user.removingPercentEncoding ?? user }
    if let password = components.password { settings.password = password.removingPercentEncoding ?? password }
    let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    if !database.isEmpty { settings.database = database }
  }

  /// The URL with any password replaced by `***`, for messages.
  static func redacted(_ text: String) -> String {
    guard var components = URLComponents(string: text), components.password != nil else { return text }
    components.password = "***"
    return components.string ?? text
  }
}
