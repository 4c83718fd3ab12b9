import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
import VaneAdmin

/// Vane's OAuth2 authorization server endpoints on the HTTP port:
///
/// - `POST /oauth2/token` — the client-credentials grant (RFC 6749 §4.4), client id and
///   secret in HTTP Basic (as flytekit sends them, form-encoded inside) or in the form body;
///   answers `{"access_token", "token_type": "Bearer", "expires_in", "scope"}`.
/// - `GET /.well-known/oauth-authorization-server` (and `openid-configuration`) — RFC 8414
///   metadata, the same that `AuthMetadataService.GetOAuth2Metadata` returns.
/// - `GET /oauth2/jwks` — the public keys tokens are signed with.
public struct TokenEndpoint: HTTPEndpoint {
  public let tokens: AccessTokens
  public let metadata: OAuthMetadata
  public let audit: any AuditSink
  static let maxBodyBytes = 64 * 1024

  public init(tokens: AccessTokens, metadata: OAuthMetadata, audit: any AuditSink) {
    self.tokens = tokens
    self.metadata = metadata
    self.audit = audit
  }

  public func add(to router: Router<BasicRequestContext>) {
    let endpoint = self
    router.post("/oauth2/token") { request, context in
      try await endpoint.token(request, peer: request.headers[HTTPField.Name("X-Forwarded-For")!] ?? "-")
    }
    for path in ["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"] {
      router.get(RouterPath(stringLiteral: path)) { _, _ in Self.json(.ok, endpoint.metadata.json) }
    }
    router.get("/oauth2/jwks") { _, _ in Self.json(.ok, endpoint.tokens.jwksJSON) }
  }

  func token(_ request: Request, peer: String) async throws -> Response {
    let body: ByteBuffer
    do {
      body = try await request.body.collect(upTo: Self.maxBodyBytes)
    } catch {
      return Self.oauthError(.contentTooLarge, "invalid_request", "the token request is larger than 64 KiB")
    }
    let form = Self.form(String(buffer: body))
    guard form["grant_type"] == "client_credentials" else {
      return Self.oauthError(
        .badRequest, "unsupported_grant_type", "only grant_type=client_credentials is supported")
    }
    guard let (id, secret) = Self.credentials(request.headers[.authorization], form: form) else {
      return Self.oauthError(.unauthorized, "invalid_client", "send the client id and secret (HTTP Basic)")
    }
    let call = AccessGate.Call(
      transport: "http", action: "POST /oauth2/token", peer: peer, access: MethodAccess(role: .read, projectFree: true))
    do {
      let issued = try await tokens.issue(clientID: id, secret: secret)
      let text =
        #"{"access_token":"\#(issued.token)","token_type":"Bearer","expires_in":\#(issued.expiresIn),"scope":"all"}"#
      return Self.json(.ok, text)
    } catch {
      audit.record(
        AuditRecord(
          time: Date(), subject: id, issuer: "-", peer: call.peer, transport: call.transport, action: call.action,
          projects: [], outcome: .unauthenticated, detail: error.message))
      return Self.oauthError(.unauthorized, "invalid_client", error.message)
    }
  }

  /// `application/x-www-form-urlencoded` pairs.
  static func form(_ text: String) -> [String: String] {
    var pairs: [String: String] = [:]
    for item in text.split(separator: "&") {
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard let name = decode(parts[0]) else { continue }
      pairs[name] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
    }
    return pairs
  }

  static func decode(_ text: String) -> String? {
    text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }

  /// The client id and secret from `Authorization: Basic …` (each form-encoded, RFC 6749
  /// §2.3.1), else from the form's `client_id` and `client_secret`.
  static func credentials(_ header: String?, form: [String: String]) -> (String, String)? {
    if let header, header.lowercased().hasPrefix("basic "),
      let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
      let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":"),
      let id = decode(String(text[..<colon])), let secret = decode(String(text[text.index(after: colon)...]))
    {
      return (id, secret)
    }
    guard let id = form["client_id"], let secret = form["client_secret"] else { return nil }
    return (id, secret)
  }

  static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json"
    headers[.cacheControl] = "no-store"
    return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  static func oauthError(_ status: HTTPResponse.Status, _ error: String, _ description: String) -> Response {
    var response = json(
      status, #"{"error":\#(AuditRecord.quoted(error)),"error_description":\#(AuditRecord.quoted(description))}"#)
    if status == .unauthorized { response.headers[.wwwAuthenticate] = #"Basic realm="vane""# }
    return response
  }
}
