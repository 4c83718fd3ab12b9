public import VaneModel

/// Why a caller was not let in, or why the authentication files cannot be used.
public struct AuthError: VaneError, Hashable {
  /// The stable kinds of failure.
  public enum Code: String, Sendable, Hashable {
    /// No token, or a token that is malformed, expired, not signed by a trusted key, or for
    /// another audience (gRPC `UNAUTHENTICATED`, HTTP 401).
    case unauthenticated
    /// Wrong client id or secret at the token endpoint (OAuth2 `invalid_client`).
    case invalidClient
    /// A token request that is not a client-credentials grant (OAuth2 `unsupported_grant_type`)
    /// or is malformed (`invalid_request`).
    case invalidRequest
    /// A valid caller without the role (gRPC `PERMISSION_DENIED`, HTTP 403).
    case permissionDenied
    /// The key or client files in the data directory cannot be read or written.
    case storage
  }

  public var code: Code
  public var message: String
  public var location: String?

  public init(_ code: Code, _ message: String, at location: String? = nil) {
    self.code = code
    self.message = message
    self.location = location
  }
}
