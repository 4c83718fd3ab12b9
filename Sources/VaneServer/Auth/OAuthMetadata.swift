import VaneAdmin

/// What Vane tells clients about its authorization server, over gRPC
/// (`AuthMetadataService`) and HTTP (`/.well-known/oauth-authorization-server`).
public struct OAuthMetadata: Sendable {
  /// The issuer (the HTTP base URL, as clients reach it) and audience of Vane's tokens.
  public let issuer: @Sendable () -> String
  public let audience: String
  /// The gRPC metadata key flytekit puts the token in.
  public let headerKey = "flyte-authorization"
  /// The scope tokens grant (flytekit asks for the scopes it is told).
  public let scopes = ["all"]

  public init(issuer: @escaping @Sendable () -> String, audience: String) {
    self.issuer = issuer
    self.audience = audience
  }

  public var tokenEndpoint: String { issuer() + "/oauth2/token" }
  public var jwksURI: String { issuer() + "/oauth2/jwks" }

  /// RFC 8414 metadata as JSON.
  public var json: String {
    let base = issuer()
    return """
      {"issuer":\(AuditRecord.quoted(base)),"token_endpoint":\(AuditRecord.quoted(tokenEndpoint)),\
      "jwks_uri":\(AuditRecord.quoted(jwksURI)),"grant_types_supported":["client_credentials"],\
      "response_types_supported":["token"],"scopes_supported":["all"],\
      "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"]}
      """
  }
}
