import Foundation

/// Where a Ray cluster's job API is: the dashboard's base URL, e.g. `http://head:8265`
/// (`ray.address` in the configuration, `vane run --ray`), and the URLs of one job under it.
public struct RayAddress: Hashable, Sendable, CustomStringConvertible {
  /// `http(s)://host[:port][/path]` without a trailing `/`.
  public let base: String

  /// Reads `text`; nil unless it is an `http` or `https` URL with a host and no query or
  /// fragment.
  public init?(_ text: String) {
    var trimmed = text.trimmingCharacters(in: .whitespaces)
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
      components.query == nil, components.fragment == nil, components.user == nil
    else { return nil }
    base = trimmed
  }

  public var description: String { base }

  /// `POST` here submits a job.
  var jobs: String { base + "/api/jobs/" }

  /// The job's details (`GET`), or the job itself (`DELETE`).
  func job(_ submissionID: String) -> String { base + "/api/jobs/" + Self.escaped(submissionID) }

  /// `POST` here stops the job.
  func stop(_ submissionID: String) -> String { job(submissionID) + "/stop" }

  /// The job's log so far, as `{"logs": "…"}` — the log link Vane gives a running Ray attempt.
  public func logs(_ submissionID: String) -> String { job(submissionID) + "/logs" }

  /// The job's page in the Ray dashboard, for people.
  public func dashboardPage(_ submissionID: String) -> String { base + "/#/jobs/" + Self.escaped(submissionID) }

  /// The cluster's version (`GET`), to check that the address answers.
  var version: String { base + "/api/version" }

  /// The cluster and submission id of a job log link made by `logs(_:)`; nil for any other URI.
  public static func logLink(_ uri: String) -> (address: RayAddress, submissionID: String)? {
    guard uri.hasSuffix("/logs"), let marker = uri.range(of: "/api/jobs/", options: .backwards) else { return nil }
    let escapedID = uri[marker.upperBound..<uri.index(uri.endIndex, offsetBy: -5)]
    guard !escapedID.isEmpty, !escapedID.contains("/"), let id = escapedID.removingPercentEncoding,
      let address = RayAddress(String(uri[..<marker.lowerBound]))
    else { return nil }
    return (address, id)
  }

  private static func escaped(_ id: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
  }
}
