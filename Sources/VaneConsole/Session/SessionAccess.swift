import Crypto
public import Foundation
import HTTPTypes
public import Hummingbird
import Synchronization
public import VaneModel

/// Authentication on: a viewer signs in with an access token (one `vane auth` or the token
/// endpoint issued, or one from the configured OIDC issuer), which `verify` turns into the
/// viewer and their roles; the console then keeps a server-side session named by a random
/// cookie (HttpOnly, SameSite=Strict, Secure on TLS) that ends when the token would have
/// expired, at sign-out, or after `idleTimeout` without a request.
public final class SessionAccess: ConsoleAccess {
  /// Checks an access token and answers who it stands for, or throws why not.
  public typealias Verify = @Sendable (_ token: String) async throws -> (viewer: ConsoleViewer, expires: Date?)

  struct Session {
    var viewer: ConsoleViewer
    var csrf: String
    var expires: Date
    var lastSeen: Date
  }

  static let cookie = "vane_console"
  let verify: Verify
  let secureCookies: Bool
  let lifetime: TimeInterval
  let idleTimeout: TimeInterval
  let capacity: Int
  let clock: any WallClock
  private let sessions = Mutex<[String: Session]>([:])

  public init(
    secureCookies: Bool, lifetime: TimeInterval = 12 * 3600, idleTimeout: TimeInterval = 2 * 3600,
    capacity: Int = 10_000, clock: any WallClock = SystemClock(), verify: @escaping Verify
  ) {
    self.verify = verify
    self.secureCookies = secureCookies
    self.lifetime = lifetime
    self.idleTimeout = idleTimeout
    self.capacity = capacity
    self.clock = clock
  }

  public var signsIn: Bool { true }

  public func viewer(for request: Request) async -> ConsoleViewer? {
    guard let id = request.cookies[Self.cookie]?.value else { return nil }
    let now = clock.date
    return sessions.withLock { sessions in
      guard var session = sessions[id] else { return nil }
      guard session.expires > now, now.timeIntervalSince(session.lastSeen) < idleTimeout else {
        sessions[id] = nil
        return nil
      }
      session.lastSeen = now
      sessions[id] = session
      return session.viewer
    }
  }

  public func formToken(for request: Request, viewer: ConsoleViewer) -> String {
    guard let id = request.cookies[Self.cookie]?.value else { return "" }
    return sessions.withLock { $0[id]?.csrf ?? "" }
  }

  /// How many sessions are open.
  public var count: Int { sessions.withLock { $0.count } }

  static func random() -> String {
    SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64URLText }
  }

  func login(form: [String: String], request: Request, renderer: PageRenderer) async -> Response {
    let next = Self.safeNext(form["next"])
    let token = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    guard !token.isEmpty, token.count < 16_384 else {
      return loginPage(renderer: renderer, next: next, message: "Paste an access token.", status: .badRequest)
    }
    let verified: (viewer: ConsoleViewer, expires: Date?)
    do {
      verified = try await verify(token)
    } catch {
      return loginPage(
        renderer: renderer, next: next, message: "The token was refused: \(error)", status: .unauthorized)
    }
    let now = clock.date
    let id = Self.random()
    let session = Session(
      viewer: verified.viewer, csrf: Self.random(), expires: min(verified.expires ?? .distantFuture, now + lifetime),
      lastSeen: now)
    sessions.withLock { sessions in
      sessions = sessions.filter { $0.value.expires > now && now.timeIntervalSince($0.value.lastSeen) < idleTimeout }
      if sessions.count >= capacity, let oldest = sessions.min(by: { $0.value.lastSeen < $1.value.lastSeen }) {
        sessions[oldest.key] = nil
      }
      sessions[id] = session
    }
    var response = ConsoleResponse.redirect(next)
    response.setCookie(
      Cookie(
        name: Self.cookie, value: id, maxAge: Int(session.expires.timeIntervalSince(now)), path: "/console",
        secure: secureCookies, httpOnly: true, sameSite: .strict))
    return response
  }

  func logout(_ request: Request) -> Response {
    if let id = request.cookies[Self.cookie]?.value { sessions.withLock { $0[id] = nil } }
    var response = ConsoleResponse.redirect("/console/login")
    response.setCookie(
      Cookie(
        name: Self.cookie, value: "", maxAge: 0, path: "/console", secure: secureCookies, httpOnly: true,
        sameSite: .strict))
    return response
  }

  func loginPage(renderer: PageRenderer, next: String, message: String?, status: HTTPResponse.Status = .ok) -> Response
  {
    struct Model {
      var next: String
      var message: String?
      var assetVersion: String
    }
    let model = Model(next: Self.safeNext(next), message: message, assetVersion: ConsoleAssets.version)
    guard let page = try? renderer.render("login", model) else {
      return ConsoleResponse.text(message ?? "sign in", status: status)
    }
    return ConsoleResponse.html(page, status: status)
  }

  /// Only a path inside the console, so signing in cannot send a person to another site.
  static func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/console"), !next.hasPrefix("//"), !next.contains("\\") else { return "/console" }
    return next
  }
}
