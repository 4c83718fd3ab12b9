import Foundation
import VaneAdmin

/// Authentication of one `vane serve`, built from the `auth` section: the signing keys and the
/// clients file in `<data dir>/auth/`, the token service, the audit log, and the `AccessGate`
/// that the gRPC interceptor, the HTTP middleware and the token endpoint share.
public struct ServerSecurity: Sendable {
  public let tokens: AccessTokens
  public let gate: AccessGate
  public let metadata: OAuthMetadata
  public let audit: AuditLog

  /// Loads (or creates) the keys, reads the clients file and opens the audit log.
  /// `issuer` is the advertised HTTP base URL, read when first needed.
  public static func make(
    config: Config.Auth, dataDirectory: String, issuer: @escaping @Sendable () -> String
  ) async throws(ServeError) -> ServerSecurity {
    do {
      let keys = try SigningKeys.loadOrCreate(dataDirectory: dataDirectory)
      let clients = try ClientRegistry(
        path: config.clientsFile ?? ClientDirectory.path(dataDirectory: dataDirectory))
      let external = config.oidcIssuer.map {
        ExternalIssuer(issuer: $0, jwksURL: config.oidcJWKSURL, audience: config.oidcAudience)
      }
      let tokens = await AccessTokens(
        keys: keys, clients: clients, issuer: issuer, audience: config.audience, lifetime: config.tokenLifetime,
        external: external)
      let audit = try AuditLog(
        path: AuditLog.path(dataDirectory: dataDirectory), maxBytes: config.auditMaxBytes, keptFiles: config.auditFiles)
      return ServerSecurity(
        tokens: tokens, gate: AccessGate(verifier: tokens, audit: audit),
        metadata: OAuthMetadata(issuer: issuer, audience: config.audience), audit: audit)
    } catch {
      throw ServeError(.badSecurity, error.message, at: error.location)
    }
  }

  public init(tokens: AccessTokens, gate: AccessGate, metadata: OAuthMetadata, audit: AuditLog) {
    self.tokens = tokens
    self.gate = gate
    self.metadata = metadata
    self.audit = audit
  }
}
