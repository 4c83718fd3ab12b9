/// The policy's answer for one call.
public enum AccessDecision: Sendable, Hashable {
  /// The call may proceed.
  case allow
  /// No valid credentials were presented (gRPC `UNAUTHENTICATED`, HTTP 401).
  case unauthenticated(String)
  /// The caller is known but lacks the role (gRPC `PERMISSION_DENIED`, HTTP 403).
  case denied(String)

  /// True for `.allow`.
  public var isAllowed: Bool { self == .allow }
}
