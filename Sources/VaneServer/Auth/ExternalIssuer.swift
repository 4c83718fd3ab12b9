import AsyncHTTPClient
import Foundation
import JWTKit
import NIOCore
import NIOHTTP1
import Synchronization
public import VaneModel

/// An external OIDC issuer whose access tokens Vane accepts: its signing keys come from its
/// JWKS (`jwks_url`, or the `jwks_uri` of `<issuer>/.well-known/openid-configuration`), fetched
/// at the first token and again when a token names a key id not seen yet (at most once per
/// ``ExternalIssuer/refetchInterval``, so a flood of forged key ids cannot hammer the issuer).
public final class ExternalIssuer: Sendable {
  /// The `iss` its tokens carry.
  public let issuer: String
  /// The `aud` its tokens must include; nil accepts any audience.
  public let audience: String?
  private let jwksURL: String?
  private let keys = JWTKeyCollection()
  private let clock: any WallClock
  private let lastFetch = Mutex<WallTime?>(nil)
  static let refetchInterval = Duration.seconds(30)
  static let maxDocumentBytes = 1 << 20

  public init(issuer: String, jwksURL: String?, audience: String?, clock: any WallClock = SystemClock()) {
    self.clock = clock
    self.issuer = issuer
    self.jwksURL = jwksURL
    self.audience = audience
  }

  func verify(_ token: String) async throws(AuthError) -> AccessClaims {
    if let claims = try? await keys.verify(token, as: AccessClaims.self) { return try check(claims) }
    try await refetch()
    do {
      return try check(try await keys.verify(token, as: AccessClaims.self))
    } catch let error as AuthError {
      throw error
    } catch {
      throw AccessTokens.refused("the token's signature does not verify with \(issuer)'s keys")
    }
  }

  private func check(_ claims: AccessClaims) throws(AuthError) -> AccessClaims {
    if let audience, claims.aud?.value.contains(audience) != true {
      throw AccessTokens.refused("the token is not for audience '\(audience)'")
    }
    return claims
  }

  private func refetch() async throws(AuthError) {
    let now = clock.now
    let due = lastFetch.withLock { last in
      if let last, last.duration(to: now) < Self.refetchInterval { return false }
      last = now
      return true
    }
    guard due else { return }
    do {
      let url = try await jwksLocation()
      let document = try await Self.get(url)
      _ = try await keys.add(jwksJSON: String(decoding: document, as: UTF8.self))
    } catch let error as AuthError {
      throw error
    } catch {
      throw AuthError(.unauthenticated, "cannot load the signing keys of \(issuer): \(error)")
    }
  }

  private func jwksLocation() async throws -> String {
    if let jwksURL { return jwksURL }
    let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
    let document = try await Self.get(base + "/.well-known/openid-configuration")
    guard let object = try JSONSerialization.jsonObject(with: document) as? [String: Any],
      let location = object["jwks_uri"] as? String
    else { throw AuthError(.unauthenticated, "the issuer's discovery document has no jwks_uri", at: issuer) }
    return location
  }

  private static func get(_ url: String) async throws -> Data {
    let request = HTTPClientRequest(url: url)
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    guard response.status == .ok else {
      throw AuthError(.unauthenticated, "answered HTTP \(response.status.code)", at: url)
    }
    let body = try await response.body.collect(upTo: maxDocumentBytes)
    return Data(body.readableBytesView)
  }
}
