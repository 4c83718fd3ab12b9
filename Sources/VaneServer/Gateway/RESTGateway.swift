import Foundation
import GRPCCore
import HTTPTypes
public import Hummingbird
import NIOCore

/// FlyteAdmin's REST/JSON API on the HTTP port (`/api/v1/…`), as grpc-gateway serves it from
/// the `google.api.http` annotations of Flyte's services: each call becomes the gRPC call of
/// its route (`GatewayRouteTable`, generated from flyteidl's descriptors), made on an
/// in-process connection to the same services, with the caller's `Authorization` passed on —
/// so authentication, per-project roles, limits and validation are the gRPC path's own.
///
/// JSON by default (proto field names, defaults printed); `application/octet-stream` in
/// `Content-Type`/`Accept` for binary protobuf. Errors are grpc-gateway's: the HTTP status of
/// the gRPC code and `{"code", "message", "details"}`.
public struct RESTGateway: HTTPEndpoint {
  private let table: GatewayRouteTable
  private let client: GatewayCall.Client
  private let maximumBodyBytes: Int

  init(routes: [GatewayRoute] = GatewayRoute.flyte, client: GatewayCall.Client, maximumBodyBytes: Int) {
    table = GatewayRouteTable(routes)
    self.client = client
    self.maximumBodyBytes = maximumBodyBytes
  }

  public func add(to router: Router<BasicRequestContext>) {
    let gateway = self
    for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch] {
      router.on("/api/v1/**", method: method) { request, _ in await gateway.respond(to: request) }
    }
  }

  func respond(to request: Request) async -> Response {
    let binary = Self.isBinary(request.headers[.contentType]) || Self.isBinary(request.headers[.accept])
    do throws(GatewayFailure) {
      let answer = try await answer(request, binary: binary)
      var headers = HTTPFields()
      headers[.contentType] = binary ? "application/octet-stream" : "application/json"
      return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer)))
    } catch {
      var headers = HTTPFields()
      headers[.contentType] = "application/json"
      return Response(
        status: error.httpStatus, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: error.body)))
    }
  }

  private func answer(_ request: Request, binary: Bool) async throws(GatewayFailure) -> Data {
    guard let verb = GatewayRoute.Verb(rawValue: request.method.rawValue) else {
      throw GatewayFailure(.unimplemented, "\(request.method) is not a method of the REST API")
    }
    let path = request.uri.path
    guard let (route, variables) = table.route(verb, path: path) else {
      if table.matchesAnotherVerb(than: verb, path: path) {
        throw GatewayFailure(.unimplemented, "\(verb.rawValue) is not allowed on \(path)")
      }
      throw GatewayFailure(.notFound, "no REST route matches \(verb.rawValue) \(path)")
    }
    var body: Data?
    if route.body == "*" {
      do {
        let buffer = try await request.body.collect(upTo: maximumBodyBytes)
        body = Data(buffer.readableBytesView)
      } catch {
        throw GatewayFailure(.resourceExhausted, "the request body is larger than \(maximumBodyBytes) bytes")
      }
    }
    let query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
    let json = try GatewayRequest.json(
      route: route, body: binary ? nil : body, path: variables, query: query)
    return try await route.call(
      client, json: json, encoding: binary ? .binary : .json, binaryBody: binary ? body : nil,
      metadata: Self.metadata(of: request))
  }

  /// What the gRPC interceptors read: the credentials, and where the call came from.
  private static func metadata(of request: Request) -> Metadata {
    var metadata = Metadata()
    if let authorization = request.headers[.authorization] {
      metadata.addString(authorization, forKey: "authorization")
    }
    if let name = HTTPField.Name("flyte-authorization"), let value = request.headers[name] {
      metadata.addString(value, forKey: "flyte-authorization")
    }
    if let name = HTTPField.Name("X-Forwarded-For"), let value = request.headers[name] {
      metadata.addString(value, forKey: "x-forwarded-for")
    }
    return metadata
  }

  private static func isBinary(_ contentType: String?) -> Bool {
    contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
      == "application/octet-stream"
  }
}
