import HTTPTypes
public import Hummingbird
import VaneAdmin

/// Authentication on the HTTP port: every route needs a valid bearer token except those a
/// client uses before it has one or that carry their own signature — `/healthz`, the token
/// endpoint and metadata (`/oauth2/…`, `/.well-known/…`) and the signed data URLs
/// (`/data/…`), and the console (`/console…`), which signs people in itself (a session cookie
/// from a verified token) and checks their role in each project it shows or acts on. `/metrics` needs the read role in every project (it spans them all); other
/// routes (the console, a REST gateway) get the verified caller in `RequestPrincipal.current`
/// and check its role on the projects they touch through the same `AccessGate`.
public struct HTTPAccessMiddleware: RouterMiddleware {
  public typealias Context = BasicRequestContext
  public let gate: AccessGate
  static let openPrefixes = ["/healthz", "/oauth2/", "/.well-known/", "/data/"]

  public init(gate: AccessGate) {
    self.gate = gate
  }

  public func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let path = request.uri.path
    if Self.openPrefixes.contains(where: { path == $0 || path.hasPrefix($0) }) || Self.isConsole(path) {
      return try await next(request, context)
    }
    let everywhere = path == "/metrics" || path.hasPrefix("/metrics/")
    let call = AccessGate.Call(
      transport: "http", action: "\(request.method) \(path)",
      peer: request.headers[HTTPField.Name("X-Forwarded-For")!] ?? "-",
      access: MethodAccess(role: .read, projectFree: !everywhere))
    let principal: Principal
    do throws(AuthError) {
      principal = try await gate.authenticate(request.headers[.authorization], call: call)
      try gate.authorize(principal, call: call, projects: [])
    } catch {
      let status: HTTPResponse.Status = error.code == .permissionDenied ? .forbidden : .unauthorized
      var response = Response(
        status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: error.message + "\n")))
      if status == .unauthorized { response.headers[.wwwAuthenticate] = #"Bearer realm="vane""# }
      return response
    }
    return try await RequestPrincipal.$current.withValue(principal) { try await next(request, context) }
  }

  /// `/console` and everything under it.
  static func isConsole(_ path: String) -> Bool { path == "/console" || path.hasPrefix("/console/") }
}
