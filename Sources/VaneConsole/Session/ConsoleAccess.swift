public import Hummingbird

/// Decides who a console request comes from. ``OpenAccess`` (authentication off) lets every
/// request in as ``ConsoleViewer/everyone``; ``SessionAccess`` reads the session cookie that
/// signing in with an access token (or through the OIDC issuer) set.
public protocol ConsoleAccess: Sendable {
  /// The viewer of `request`, or nil when it carries no valid session (the page then sends
  /// the browser to the sign-in page).
  func viewer(for request: Request) async -> ConsoleViewer?
  /// The token that must accompany every form posted by this viewer (cross-site request
  /// forgery protection): pages embed it, actions compare it.
  func formToken(for request: Request, viewer: ConsoleViewer) -> String
  /// Whether sign-in exists at all (shows the sign-in and sign-out controls).
  var signsIn: Bool { get }
}
