import Foundation
import JWTKit

/// The claims of an access token: who (`sub`), from whom (`iss`), for whom (`aud`), until
/// when (`exp`), plus `iat`, a unique `jti` and the granted `scope`. External issuers' tokens
/// are read with the same shape; claims they leave out stay nil and fail the checks that need
/// them.
struct AccessClaims: JWTPayload {
  var sub: SubjectClaim?
  var iss: IssuerClaim?
  var aud: AudienceClaim?
  var exp: ExpirationClaim?
  var iat: IssuedAtClaim?
  var jti: IDClaim?
  var scope: String?

  /// Expiry and audience are checked by `AccessTokens` against its injected clock.
  func verify(using algorithm: some JWTAlgorithm) async throws {}
}
