import Foundation
import JWTKit
import Synchronization
public import VaneAdmin
public import VaneModel

/// Vane as its own OAuth2 authorization server for the client-credentials grant: issues
/// ES256-signed, expiring JWT access tokens to clients of the clients file, and verifies
/// bearer tokens — its own, and (when configured) an external OIDC issuer's.
///
/// Roles are looked up in the clients file at every verification, not baked into the token,
/// so changing or revoking a client takes effect at once. Verified tokens are remembered until
/// they expire (at most ``AccessTokens/cacheLimit`` of them), so a call with a known token
/// costs a dictionary lookup, not a signature check.
public final class AccessTokens: AccessTokenVerifier {
  /// A token handed out by the token endpoint.
  public struct Issued: Sendable {
    public var token: String
    public var expiresIn: Int
  }

  /// The `iss` of Vane's tokens and `issuer` of its OAuth2 metadata.
  public var issuer: String { issuerName() }
  /// The `aud` of Vane's tokens; also what flytekit is told to request.
  public let audience: String
  /// How long a token lives.
  public let lifetime: Duration
  public let clients: ClientRegistry
  /// The signing keys' public halves, for `/oauth2/jwks`.
  public let jwksJSON: String
  static let cacheLimit = 10_000

  private let keys: JWTKeyCollection
  private let signingKeyID: String
  private let external: ExternalIssuer?
  private let issuerName: @Sendable () -> String
  private let clock: any WallClock
  private let verified = Mutex<[String: (subject: String, issuer: String, expires: Date)]>([:])

  /// - Parameters:
  ///   - issuer: the issuer URL (read when needed: the HTTP port may be known only later).
  public init(
    keys signing: SigningKeys, clients: ClientRegistry, issuer: @escaping @Sendable () -> String,
    audience: String, lifetime: Duration, external: ExternalIssuer? = nil,
    clock: any WallClock = SystemClock()
  ) async {
    let collection = JWTKeyCollection()
    for key in signing.keys { await collection.add(ecdsa: key.privateKey, kid: JWKIdentifier(string: key.id)) }
    keys = collection
    signingKeyID = signing.signing.id
    jwksJSON = signing.jwksJSON
    self.clients = clients
    issuerName = issuer
    self.audience = audience
    self.lifetime = lifetime
    self.external = external
    self.clock = clock
  }

  /// A token for the client whose id and secret match; `invalidClient` otherwise.
  public func issue(clientID: String, secret: String) async throws(AuthError) -> Issued {
    clients.refresh()
    guard clients.directory.authenticate(id: clientID, secret: secret) != nil else {
      throw AuthError(.invalidClient, "unknown client id or wrong secret", at: "client \(clientID)")
    }
    let issuedAt = clock.date
    let seconds = Int(lifetime.components.seconds)
    var generator = SystemRandomNumberGenerator()
    let claims = AccessClaims(
      sub: SubjectClaim(value: clientID), iss: IssuerClaim(value: issuer), aud: AudienceClaim(value: [audience]),
      exp: ExpirationClaim(value: issuedAt.addingTimeInterval(TimeInterval(seconds))),
      iat: IssuedAtClaim(value: issuedAt), jti: IDClaim(value: String(generator.next() as UInt64, radix: 36)),
      scope: "all")
    do {
      let token = try await keys.sign(claims, kid: JWKIdentifier(string: signingKeyID))
      return Issued(token: token, expiresIn: seconds)
    } catch {
      throw AuthError(.storage, "cannot sign the token: \(error)", at: "token endpoint")
    }
  }

  public func principal(forToken token: String) async throws(AuthError) -> Principal {
    let current = clock.date
    if let known = verified.withLock({ $0[token] }), known.expires > current {
      return try principal(subject: known.subject, issuer: known.issuer)
    }
    guard token.utf8.count <= 16 * 1024 else { throw Self.refused("the token is too long") }
    let claims = try await verify(token)
    guard let subject = claims.sub?.value, let tokenIssuer = claims.iss?.value, let expires = claims.exp?.value else {
      throw Self.refused("the token lacks sub, iss or exp")
    }
    guard expires > current else { throw Self.refused("the token expired at \(expires); get a new one") }
    let principal = try principal(subject: subject, issuer: tokenIssuer)
    verified.withLock { cache in
      if cache.count >= Self.cacheLimit { cache = cache.filter { $0.value.expires > current } }
      if cache.count < Self.cacheLimit { cache[token] = (subject, tokenIssuer, expires) }
    }
    return principal
  }

  private func verify(_ token: String) async throws(AuthError) -> AccessClaims {
    let unverified: AccessClaims
    do {
      unverified = try await keys.unverified(token, as: AccessClaims.self)
    } catch {
      throw Self.refused("not a JWT access token")
    }
    let claimedIssuer = unverified.iss?.value ?? ""
    if claimedIssuer == issuer {
      let claims: AccessClaims
      do {
        claims = try await keys.verify(token, as: AccessClaims.self)
      } catch {
        throw Self.refused("the token's signature does not verify with this server's keys")
      }
      guard claims.aud?.value.contains(audience) == true else {
        throw Self.refused("the token is for another audience")
      }
      return claims
    }
    if let external, claimedIssuer == external.issuer {
      return try await external.verify(token)
    }
    throw Self.refused("tokens from issuer '\(claimedIssuer)' are not accepted here")
  }

  private func principal(subject: String, issuer tokenIssuer: String) throws(AuthError) -> Principal {
    if tokenIssuer == issuer {
      guard let roles = clients.roles(ofClient: subject) else {
        throw Self.refused("client '\(subject)' no longer exists")
      }
      return Principal(subject: subject, issuer: "vane", roles: roles)
    }
    return Principal(
      subject: subject, issuer: tokenIssuer, roles: clients.roles(ofSubject: subject, issuer: tokenIssuer))
  }

  static func refused(_ message: String) -> AuthError { AuthError(.unauthenticated, message) }
}
