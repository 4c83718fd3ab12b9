import Foundation
import VaneData

/// Where the requests for a bucket go: the base URL's scheme, host and port, and whether the
/// bucket is named in the path (`http://host:9000/bucket/key`) or the host
/// (`https://bucket.s3.us-east-1.amazonaws.com/key`).
struct S3Endpoint: Sendable, Hashable {
  let scheme: String
  let host: String
  let port: Int?
  let pathStyle: Bool

  /// The endpoint of `text` (`http://127.0.0.1:9000`), or AWS's for `region` when nil.
  /// `pathStyle` nil picks path style for custom endpoints and virtual-hosted style for AWS.
  init(_ text: String?, region: String, pathStyle: Bool?, location: DataURI) throws(DataError) {
    guard let text else {
      self.init(scheme: "https", host: "s3.\(region).amazonaws.com", port: nil, pathStyle: pathStyle ?? false)
      return
    }
    let withScheme = text.contains("://") ? text : "https://" + text
    guard let components = URLComponents(string: withScheme), let scheme = components.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
      components.path.isEmpty || components.path == "/", components.query == nil
    else {
      throw DataError(
        .invalidURI, "the S3 endpoint '\(text)' is not a base URL like http://127.0.0.1:9000 or https://host",
        uri: location)
    }
    self.init(scheme: scheme, host: host, port: components.port, pathStyle: pathStyle ?? true)
  }

  init(scheme: String, host: String, port: Int?, pathStyle: Bool) {
    self.scheme = scheme
    self.host = host
    self.port = port
    self.pathStyle = pathStyle
  }

  /// The `Host` header, the URL without a query, and the canonical (encoded) path of an object
  /// or of the bucket itself when `key` is empty.
  func address(bucket: String, key: String) -> (host: String, url: String, path: String) {
    let portText = port.map { ":\($0)" } ?? ""
    let encodedKey = SigV4Encoding.uriEncode(key, keepSlash: true)
    // Dotted bucket names break TLS wildcard certificates in the virtual-hosted form.
    if pathStyle || bucket.contains(".") {
      let path = "/\(bucket)" + (key.isEmpty ? "" : "/\(encodedKey)")
      let hostHeader = host + portText
      return (hostHeader, "\(scheme)://\(hostHeader)\(path)", path)
    }
    let hostHeader = "\(bucket).\(host)\(portText)"
    let path = "/" + encodedKey
    return (hostHeader, "\(scheme)://\(hostHeader)\(path)", path)
  }

  /// `scheme://host[:port]`, for messages.
  var baseURL: String { "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "") }
}
