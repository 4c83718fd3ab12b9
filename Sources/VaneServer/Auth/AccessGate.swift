import Foundation
public import VaneAdmin
public import VaneModel

/// The one place a call is let in or refused: verifies the bearer token, asks the
/// `AuthorizationPolicy`, and writes the audit record. The gRPC interceptor and the HTTP edge
/// (and any later transport, such as a REST gateway or the console's actions) call it, so
/// every door applies the same rules and leaves the same trail.
public struct AccessGate: Sendable {
  public let verifier: any AccessTokenVerifier
  public let policy: AuthorizationPolicy
  public let audit: any AuditSink
  let clock: any WallClock

  public init(
    verifier: any AccessTokenVerifier, policy: AuthorizationPolicy = AuthorizationPolicy(), audit: any AuditSink,
    clock: any WallClock = SystemClock()
  ) {
    self.verifier = verifier
    self.policy = policy
    self.audit = audit
    self.clock = clock
  }

  /// Who a call is made by and what it is, for the audit record.
  public struct Call: Sendable {
    public var transport: String
    public var action: String
    public var peer: String
    public var access: MethodAccess

    public init(transport: String, action: String, peer: String, access: MethodAccess) {
      self.transport = transport
      self.action = action
      self.peer = peer
      self.access = access
    }
  }

  /// The principal of a `Bearer …` header value (or nil when there is none): verified, or an
  /// `unauthenticated` error (audited).
  public func authenticate(_ header: String?, call: Call) async throws(AuthError) -> Principal {
    guard let header, let token = Self.bearerToken(header) else {
      let error = AuthError(.unauthenticated, "\(call.action) needs an access token (Authorization: Bearer …)")
      record(call, principal: nil, projects: [], outcome: .unauthenticated, detail: error.message)
      throw error
    }
    do {
      return try await verifier.principal(forToken: token)
    } catch {
      record(call, principal: nil, projects: [], outcome: .unauthenticated, detail: error.message)
      throw error
    }
  }

  /// Allows the call or throws `permissionDenied` (audited).
  public func authorize(_ principal: Principal, call: Call, projects: Set<String>) throws(AuthError) {
    switch policy.decide(principal, access: call.access, what: call.action, projects: projects) {
    case .allow: return
    case .unauthenticated(let message):
      record(call, principal: principal, projects: projects, outcome: .unauthenticated, detail: message)
      throw AuthError(.unauthenticated, message)
    case .denied(let message):
      record(call, principal: principal, projects: projects, outcome: .denied, detail: message)
      throw AuthError(.permissionDenied, message)
    }
  }

  /// Records how an allowed call ended; reads that succeeded are not recorded.
  public func finished(_ call: Call, principal: Principal?, projects: Set<String>, error: String?) {
    if error == nil, !call.access.mutates { return }
    record(call, principal: principal, projects: projects, outcome: error == nil ? .ok : .failed, detail: error ?? "")
  }

  func record(
    _ call: Call, principal: Principal?, projects: Set<String>, outcome: AuditRecord.Outcome, detail: String
  ) {
    audit.record(
      AuditRecord(
        time: clock.date, subject: principal?.subject ?? "-", issuer: principal?.issuer ?? "-", peer: call.peer,
        transport: call.transport, action: call.action, projects: projects.sorted(), outcome: outcome,
        detail: detail))
  }

  /// The token of `Bearer <token>` (scheme case-insensitive), or nil.
  public static func bearerToken(_ header: String) -> String? {
    let parts = header.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
    let token = parts[1].trimmingCharacters(in: .whitespaces)
    return token.isEmpty ? nil : token
  }
}
