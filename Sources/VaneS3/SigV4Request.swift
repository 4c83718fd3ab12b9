/// The parts of an HTTP request that AWS Signature Version 4 covers.
///
/// `path` is the canonical (already URI-encoded) path; query items and headers are given
/// unencoded, in any order and case — the signer canonicalises them.
public struct SigV4Request: Sendable {
  /// The HTTP method, upper case.
  public var method: String
  /// The URI-encoded absolute path (`/bucket/a%20b`), `/` for the root.
  public var path: String
  /// Query parameters, unencoded; a parameter without a value has an empty value.
  public var query: [(name: String, value: String)]
  /// Headers to sign, `Host` included.
  public var headers: [(name: String, value: String)]
  /// The hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
  public var payloadHash: String

  /// Creates a request description.
  public init(
    method: String, path: String, query: [(name: String, value: String)] = [],
    headers: [(name: String, value: String)], payloadHash: String
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.headers = headers
    self.payloadHash = payloadHash
  }
}
