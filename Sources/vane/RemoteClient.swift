import AsyncHTTPClient
import FlyteIDL
import FlyteIDLGRPC
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import NIOCore
import NIOHTTP1
import NIOSSL
import VaneClientConfig

/// A gRPC connection to `vane serve` (or any FlyteAdmin) for the remote commands.
struct RemoteClient {
  typealias Admin = Flyteidl_Service_AdminService.Client<HTTP2ClientTransport.Posix>
  typealias Signals = Flyteidl_Service_SignalService.Client<HTTP2ClientTransport.Posix>

  let address: ServerAddress
  /// TLS, trusting `caCertificate` (PEM) or the system's roots.
  var tls = false
  var caCertificate: String?
  /// Client credentials: a token is fetched from the server's token endpoint (as flytekit's
  /// `ClientSecret` flow does) and sent with every call.
  var credentials: RemoteConnection.Credentials?

  init(address: ServerAddress, tls: Bool, caCertificate: String?, credentials: RemoteConnection.Credentials?) {
    self.address = address
    self.tls = tls
    self.caCertificate = caCertificate
    self.credentials = credentials
  }

  var host: String { address.host }
  var port: Int { address.port }
  var endpoint: String { address.description }

  /// Calls fail instead of waiting for a server that is not there.
  var options: CallOptions {
    var options = CallOptions.defaults
    options.timeout = .seconds(60)
    options.waitForReady = false
    return options
  }

  /// Runs `body` with a connected admin client; gRPC failures become `CLIFailure`s (exit 2
  /// for a bad request or unknown id, 1 otherwise).
  func withAdmin<T: Sendable>(_ body: (Admin) async throws -> T) async throws -> T {
    try await withConnection { client in try await body(Admin(wrapping: client)) }
  }

  /// Runs `body` with a connected signal client; failures as for `withAdmin`.
  func withSignals<T: Sendable>(_ body: (Signals) async throws -> T) async throws -> T {
    try await withConnection { client in try await body(Signals(wrapping: client)) }
  }

  private func withConnection<T: Sendable>(
    _ body: (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> T
  ) async throws -> T {
    let security: HTTP2ClientTransport.Posix.TransportSecurity
    if tls {
      let ca = caCertificate
      security = .tls { config in
        if let ca { config.trustRoots = .certificates([.file(path: ca, format: .pem)]) }
      }
    } else {
      security = .plaintext
    }
    do {
      if let credentials {
        let token = try await withGRPCClient(
          transport: .http2NIOPosix(target: target, transportSecurity: security)
        ) { client in try await accessToken(client, credentials) }
        return try await withGRPCClient(
          transport: .http2NIOPosix(target: target, transportSecurity: security),
          interceptors: [BearerToken(token: token)]
        ) { client in
          try await body(client)
        }
      }
      return try await withGRPCClient(
        transport: .http2NIOPosix(target: target, transportSecurity: security)
      ) { client in
        try await body(client)
      }
    } catch let error as RPCError {
      throw failure(error)
    }
  }

  /// An IP literal is dialled as such: TLS cannot name an IP address as the server (SNI), so the
  /// certificate chain is checked against the CA without a host name.
  private var target: any ResolvableTarget {
    if host.contains(":") { return .ipv6(address: host, port: port) }
    if host.split(separator: ".").count == 4, host.allSatisfy({ $0.isNumber || $0 == "." }) {
      return .ipv4(address: host, port: port)
    }
    return .dns(host: host, port: port)
  }

  /// A token from the token endpoint the server's `AuthMetadataService` names.
  private func accessToken(
    _ client: GRPCClient<HTTP2ClientTransport.Posix>, _ credentials: RemoteConnection.Credentials
  ) async throws -> String {
    let metadata = try await Flyteidl_Service_AuthMetadataService.Client(wrapping: client).getOAuth2Metadata(
      Flyteidl_Service_OAuth2MetadataRequest(), options: options)
    guard !metadata.tokenEndpoint.isEmpty else {
      throw CLIFailure.failed("\(endpoint) names no token endpoint; is authentication on there?")
    }
    var configuration = HTTPClient.Configuration()
    if let caCertificate {
      var tls = TLSConfiguration.makeClientConfiguration()
      tls.trustRoots = .file(caCertificate)
      configuration.tlsConfiguration = tls
    }
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    defer { _ = http.shutdown() }
    var request = HTTPClientRequest(url: metadata.tokenEndpoint)
    request.method = .POST
    let basic = Data("\(Self.formEncoded(credentials.clientID)):\(Self.formEncoded(credentials.secret))".utf8)
    request.headers.add(name: "Authorization", value: "Basic \(basic.base64EncodedString())")
    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
    request.body = .bytes(ByteBuffer(string: "grant_type=client_credentials&scope=all"))
    let response = try await http.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 1 << 20)
    guard response.status == .ok,
      let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
      let token = object["access_token"] as? String
    else {
      throw CLIFailure.failed(
        "the token endpoint \(metadata.tokenEndpoint) refused client \(credentials.clientID): "
          + String(buffer: body))
    }
    return token
  }

  static func formEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }

  func failure(_ error: RPCError) -> CLIFailure {
    switch error.code {
    case .unavailable, .deadlineExceeded:
      CLIFailure.failed(
        "cannot reach vane serve at \(endpoint) (\(error.message)); start it or pass --endpoint host:port")
    case .unauthenticated:
      CLIFailure.failed(
        "\(endpoint) wants credentials (\(error.message)); pass --config with the flytekit config vane serve wrote")
    case .notFound, .invalidArgument, .alreadyExists, .failedPrecondition, .permissionDenied:
      CLIFailure.badInput("\(error.code): \(error.message)")
    default:
      CLIFailure.failed("\(error.code): \(error.message)")
    }
  }
}

/// Sends `authorization: Bearer <token>` with every call.
struct BearerToken: ClientInterceptor {
  let token: String

  func intercept<Input: Sendable, Output: Sendable>(
    request: StreamingClientRequest<Input>, context: ClientContext,
    next: (StreamingClientRequest<Input>, ClientContext) async throws -> StreamingClientResponse<Output>
  ) async throws -> StreamingClientResponse<Output> {
    var request = request
    request.metadata.addString("Bearer \(token)", forKey: "authorization")
    return try await next(request, context)
  }
}
