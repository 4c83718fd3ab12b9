import Foundation
public import VaneAdmin
public import VaneServer

/// Signing in to the console of a `vane serve` with authentication on: a pasted token is
/// verified by the server's own `AccessGate` (Vane's tokens and the configured OIDC issuer's,
/// exactly as for gRPC calls), and its per-project roles become the viewer's.
public enum ServerSignIn {
  /// Sessions whose sign-in verifies through `gate`; refused sign-ins land in the audit log
  /// as refused calls do, accepted ones as `sign in` records.
  public static func access(gate: AccessGate, secureCookies: Bool) -> SessionAccess {
    SessionAccess(secureCookies: secureCookies) { token in
      let call = AccessGate.Call(
        transport: "console", action: "sign in", peer: "-", access: MethodAccess(role: .read, projectFree: true))
      let principal = try await gate.authenticate("Bearer " + token, call: call)
      gate.finished(
        AccessGate.Call(
          transport: "console", action: "sign in", peer: "-", access: MethodAccess(role: .write, projectFree: true)),
        principal: principal, projects: [], error: nil)
      return (viewer(principal), expiry(ofToken: token))
    }
  }

  /// The console viewer holding the principal's roles, project by project (`*` stays `*`).
  public static func viewer(_ principal: Principal) -> ConsoleViewer {
    ConsoleViewer(subject: principal.subject, roles: principal.roles.mapValues(role), signedIn: true)
  }

  static func role(_ role: VaneAdmin.Role) -> ConsoleViewer.Role {
    switch role {
    case .read: .read
    case .write: .write
    case .admin: .admin
    }
  }

  /// The `exp` claim of an already verified JWT, so a session ends when its token would.
  static func expiry(ofToken token: String) -> Date? {
    let parts = token.split(separator: ".")
    guard parts.count == 3 else { return nil }
    var text = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    text += String(repeating: "=", count: (4 - text.count % 4) % 4)
    guard let data = Data(base64Encoded: text),
      let claims = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let exp = claims["exp"] as? NSNumber
    else { return nil }
    return Date(timeIntervalSince1970: exp.doubleValue)
  }
}
