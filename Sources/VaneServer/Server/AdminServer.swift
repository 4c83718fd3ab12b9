import Foundation
public import GRPCCore
import GRPCInProcessTransport
import GRPCNIOTransportHTTP2
import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle
public import VaneAdmin

/// The network side of `vane serve`: the gRPC services (Admin, DataProxy, Signal, AuthMetadata)
/// on one port and the HTTP endpoints (health, data transfers, and any given) on another, over
/// the transport-free `AdminComponents`. Run `services` under the same `ServiceGroup` as the
/// engine's; `listening()` returns once both ports are bound.
///
/// Seams: `endpoints` adds HTTP routes (metrics, a console), `interceptors` wraps every gRPC
/// call (tracing); `security` turns on authentication (`AuthInterceptor` on every call,
/// `HTTPAccessMiddleware` on every route, the token endpoint). TLS, limits and the advertised
/// host come from `Configuration`.
public final class AdminServer: Sendable {
  /// Where and how the server listens.
  public struct Configuration: Sendable {
    /// The address both servers bind (loopback by default).
    public var host: String
    /// The gRPC port (0 picks a free one).
    public var grpcPort: Int
    /// The HTTP port (0 picks a free one).
    public var httpPort: Int
    /// The data directory (uploads land under `uploads/`).
    public var dataDirectory: String
    /// Reported by `GetVersion`.
    public var version: String
    /// The host name clients are given; nil: see `ListenAddress`.
    public var advertisedHost: String?
    /// PEM certificate chain and key; both set turns on TLS for gRPC and HTTP.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// Streams per connection, request and response sizes, upload sizes.
    public var limits: ServerLimits

    public init(
      host: String = "127.0.0.1", grpcPort: Int = 8089, httpPort: Int = 8088, dataDirectory: String,
      version: String = "dev", advertisedHost: String? = nil, tlsCertificate: String? = nil, tlsKey: String? = nil,
      limits: ServerLimits = ServerLimits()
    ) {
      self.host = host
      self.grpcPort = grpcPort
      self.httpPort = httpPort
      self.dataDirectory = dataDirectory
      self.version = version
      self.advertisedHost = advertisedHost
      self.tlsCertificate = tlsCertificate
      self.tlsKey = tlsKey
      self.limits = limits
    }

    /// True when a certificate and key are configured.
    public var usesTLS: Bool { tlsCertificate != nil && tlsKey != nil }
  }

  /// The ports actually bound.
  public struct Ports: Sendable, Hashable {
    public var grpc: Int
    public var http: Int
  }

  public let configuration: Configuration
  /// What the services call.
  public let admin: AdminComponents
  /// The bound address and what clients are told.
  public let address: ListenAddress
  /// The HTTP base URL clients use (`https://host:port`), known once the HTTP port listens.
  public let httpAddress: HTTPAddress
  private let transport: HTTP2ServerTransport.Posix
  private let grpcServer: GRPCServer<HTTP2ServerTransport.Posix>
  /// The same services on an in-process transport, and its client: what the REST gateway calls.
  private let gatewayServer: GRPCServer<InProcessTransport.Server>
  private let gatewayClient: GRPCClient<InProcessTransport.Client>
  private let httpApplication: Application<RouterResponder<BasicRequestContext>>
  private let httpBound: AsyncStream<Int>

  /// Builds the services over `admin`; `endpoints` are served on the HTTP port next to the
  /// server's own, `interceptors` run around every gRPC call, first one outermost. With
  /// `security`, every gRPC call and HTTP route is authenticated and authorized (its
  /// interceptor runs first) and the token endpoint is served. `httpAddress` is where the
  /// HTTP base URL is published once the port is bound (pass the one `security`'s issuer reads).
  /// `dataProxy` signs the data proxy's URLs (object storage); nil serves them from the data
  /// directory. Either way the data proxy authorizes each request first.
  public init(
    configuration: Configuration, admin: AdminComponents, logger: Logger, endpoints: [any HTTPEndpoint] = [],
    interceptors: [any ServerInterceptor] = [], security: ServerSecurity? = nil,
    httpAddress: HTTPAddress = HTTPAddress(), dataProxy: (any DataProxyBackend)? = nil
  ) throws(ServeError) {
    self.configuration = configuration
    self.admin = admin
    let address = try ListenAddress(host: configuration.host, advertised: configuration.advertisedHost)
    self.address = address
    self.httpAddress = httpAddress
    let tls = try ServerTLS(certificate: configuration.tlsCertificate, key: configuration.tlsKey)
    let grants = try TransferGrants.forDataDirectory(configuration.dataDirectory)
    let limits = configuration.limits
    let transport = HTTP2ServerTransport.Posix(
      address: address.isIPv6
        ? .ipv6(host: address.ip, port: configuration.grpcPort) : .ipv4(host: address.ip, port: configuration.grpcPort),
      transportSecurity: tls?.grpc ?? .plaintext,
      config: .defaults { config in
        config.rpc.maxRequestPayloadSize = limits.largestRequest
        config.http2.maxConcurrentStreams = limits.streamsPerConnection
        // A connection idle this long is closed (clients reconnect); flytekit pings every 30 s,
        // also between calls.
        config.connection.maxIdleTime = ServerLimits.idleConnection
        config.connection.keepalive.clientBehavior = .init(
          minPingIntervalWithoutCalls: .seconds(10), allowWithoutCalls: true)
      })
    self.transport = transport
    let access = DataAccess(
      dataDirectory: configuration.dataDirectory, owners: admin.dataOwners, clients: security?.tokens.clients)
    let backend =
      dataProxy ?? LocalDataProxy(grants: grants, http: httpAddress, access: access)
    let services: [any RegistrableRPCService] = ServerLimits.$registering.withValue(limits) {
      var services: [any RegistrableRPCService] = [
        AdminService(admin: admin, version: configuration.version),
        AuthMetadataService(metadata: security?.metadata),
        DataProxyService(backend: backend, nodes: admin.nodes, access: access),
      ]
      if let signals = admin.signals { services.append(SignalService(signals: signals)) }
      return services
    }
    let allInterceptors = (security.map { [AuthInterceptor(gate: $0.gate)] } ?? []) + interceptors
    self.grpcServer = ServerLimits.$registering.withValue(limits) {
      GRPCServer(transport: transport, services: services, interceptors: allInterceptors)
    }
    let inProcess = InProcessTransport()
    self.gatewayServer = ServerLimits.$registering.withValue(limits) {
      GRPCServer(transport: inProcess.server, services: services, interceptors: allInterceptors)
    }
    self.gatewayClient = GRPCClient(transport: inProcess.client)

    let router = Router()
    if let security { router.add(middleware: HTTPAccessMiddleware(gate: security.gate)) }
    var own: [any HTTPEndpoint] = [
      DataEndpoints(grants: grants, access: access, maximumUploadBytes: limits.uploadBytes, audit: security?.audit),
      RESTGateway(client: gatewayClient, maximumBodyBytes: limits.largestRequest),
    ]
    if let security {
      own.append(TokenEndpoint(tokens: security.tokens, metadata: security.metadata, audit: security.audit))
    }
    for endpoint in own + endpoints { endpoint.add(to: router) }
    let (bound, continuation) = AsyncStream<Int>.makeStream()
    self.httpBound = bound
    let scheme = tls == nil ? "http" : "https"
    let urlHost = address.urlHost
    let onRunning: @Sendable (any Channel) async -> Void = { channel in
      let port = channel.localAddress?.port ?? 0
      httpAddress.set("\(scheme)://\(urlHost):\(port)")
      continuation.yield(port)
      continuation.finish()
    }
    let http = ApplicationConfiguration(
      address: .hostname(address.ip, port: configuration.httpPort), serverName: "vane")
    if let tls {
      self.httpApplication = Application(
        router: router, server: tls.http, configuration: http, onServerRunning: onRunning, logger: logger)
    } else {
      self.httpApplication = Application(
        router: router, server: ServerLimits.http1, configuration: http, onServerRunning: onRunning, logger: logger)
    }
  }

  /// The gRPC server, the HTTP application and (with an engine) event ingestion and the
  /// scheduler, to run under one `ServiceGroup`.
  public var services: [any Service] {
    transportServices + admin.services
  }

  /// The gRPC servers, the in-process client and the HTTP application, without the admin
  /// components' own services (which a replica runs only while it leads its group).
  public var transportServices: [any Service] {
    [
      GRPCServerService(server: grpcServer), GRPCServerService(server: gatewayServer),
      GRPCClientService(client: gatewayClient), httpApplication,
    ]
  }

  /// Waits until both servers listen and returns their ports.
  public func listening() async throws -> Ports {
    let address: GRPCNIOTransportCore.SocketAddress
    do {
      address = try await transport.listeningAddress
    } catch {
      throw ServeError(.listenFailed, "the gRPC server cannot listen: \(error)", at: "port \(configuration.grpcPort)")
    }
    guard let grpcPort = address.ipv4?.port ?? address.ipv6?.port else {
      throw ServeError(.listenFailed, "the gRPC server bound \(address), not an IP port", at: "vane serve")
    }
    var httpPort: Int?
    for await port in httpBound {
      httpPort = port
      break
    }
    guard let httpPort else {
      throw ServeError(.listenFailed, "the HTTP server stopped before it listened", at: "vane serve")
    }
    return Ports(grpc: grpcPort, http: httpPort)
  }
}

/// Runs a gRPC server as a `Service`: graceful shutdown stops accepting new calls and lets
/// running ones finish.
struct GRPCServerService<Transport: ServerTransport>: Service {
  let server: GRPCServer<Transport>

  func run() async throws {
    try await withGracefulShutdownHandler {
      try await server.serve()
    } onGracefulShutdown: {
      server.beginGracefulShutdown()
    }
  }
}

/// Runs a gRPC client's connections until graceful shutdown.
struct GRPCClientService<Transport: ClientTransport>: Service {
  let client: GRPCClient<Transport>

  func run() async throws {
    try await withGracefulShutdownHandler {
      try await client.runConnections()
    } onGracefulShutdown: {
      client.beginGracefulShutdown()
    }
  }
}
