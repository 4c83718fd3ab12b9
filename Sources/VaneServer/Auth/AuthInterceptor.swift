public import GRPCCore
import VaneAdmin

/// Authentication and authorization around every gRPC call, whatever its service or method:
/// the bearer token (`authorization` or flytekit's `flyte-authorization` metadata) is verified,
/// the projects the request names are found by walking its message (`ProjectReferences`), and
/// the `AccessGate` decides from the method's name — so a method registered later is covered
/// without being listed here. Refusals are `UNAUTHENTICATED` (flytekit then fetches a token and
/// retries) or `PERMISSION_DENIED`; both, and every mutating call, are audited.
///
/// Only the services a client needs before it has a token are open: `AuthMetadataService`
/// (where flytekit learns the token endpoint) and gRPC health.
public struct AuthInterceptor: ServerInterceptor {
  public let gate: AccessGate
  static let openServices: Set<String> = ["flyteidl.service.AuthMetadataService", "grpc.health.v1.Health"]
  /// The metadata keys a token may come in; flytekit uses the one `GetPublicClientConfig` names.
  static let headerKeys = ["authorization", "flyte-authorization"]

  public init(gate: AccessGate) {
    self.gate = gate
  }

  public func intercept<Input: Sendable, Output: Sendable>(
    request: StreamingServerRequest<Input>, context: ServerContext,
    next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
  ) async throws -> StreamingServerResponse<Output> {
    guard !Self.openServices.contains(context.descriptor.service.fullyQualifiedService) else {
      return try await next(request, context)
    }
    let method = context.descriptor.method
    let call = AccessGate.Call(
      transport: "grpc", action: method, peer: context.remotePeer, access: MethodAccess.of(method: method))
    let header = Self.headerKeys.lazy.compactMap { request.metadata[stringValues: $0].first(where: { _ in true }) }
      .first
    let principal: Principal
    do {
      principal = try await gate.authenticate(header, call: call)
    } catch {
      throw RPCError(code: .unauthenticated, message: error.message)
    }
    // Requests of flyteidl's services are single messages: read it to see its projects. A
    // streamed request (none today) names no project up front, so it needs the role everywhere.
    var forwarded = request
    var projects: Set<String> = []
    if context.descriptor.type?.isRequestStreaming != true {
      let single = try await ServerRequest(stream: request)
      projects = ProjectReferences.of(any: single.message)
      forwarded = StreamingServerRequest(single: single)
    }
    do {
      try gate.authorize(principal, call: call, projects: projects)
    } catch {
      throw RPCError(
        code: error.code == .permissionDenied ? .permissionDenied : .unauthenticated, message: error.message)
    }
    do {
      let response = try await RequestPrincipal.$current.withValue(principal) {
        try await next(forwarded, context)
      }
      gate.finished(call, principal: principal, projects: projects, error: nil)
      return response
    } catch let error as RPCError {
      gate.finished(call, principal: principal, projects: projects, error: "\(error.code): \(error.message)")
      throw error
    } catch {
      gate.finished(call, principal: principal, projects: projects, error: "\(error)")
      throw error
    }
  }
}
