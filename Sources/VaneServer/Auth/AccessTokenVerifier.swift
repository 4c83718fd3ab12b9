public import VaneAdmin

/// Turns a bearer token into the caller it stands for. The gRPC interceptor, the HTTP edge and
/// the console all verify through this one protocol.
public protocol AccessTokenVerifier: Sendable {
  /// The verified principal of `token` (the text after `Bearer `); throws
  /// `AuthError(.unauthenticated)` for a token that is malformed, expired, for another
  /// audience, or signed by a key that is not trusted.
  func principal(forToken token: String) async throws(AuthError) -> Principal
}
