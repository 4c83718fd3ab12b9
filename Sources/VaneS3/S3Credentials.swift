/// An access key pair for signing requests, with the session token of temporary credentials.
public struct S3Credentials: Hashable, Sendable, CustomStringConvertible {
  /// The access key id (`AKIA…`), sent in every request's credential scope.
  public var accessKeyID: String
  /// The secret key; never sent, only used to derive signing keys.
  public var secretAccessKey: String
  /// The session token of temporary (STS) credentials, sent as `x-amz-security-token`.
  public var sessionToken: String?
  /// Where these credentials were found, for messages (`environment`, `~/.aws/credentials [dev]`, …).
  public var source: String

  /// Creates credentials.
  public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, source: String = "explicit") {
    self.accessKeyID = accessKeyID
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.source = source
  }

  /// Shows the key id and the source, never the secret.
  public var description: String { "access key \(accessKeyID) from \(source)" }
}
