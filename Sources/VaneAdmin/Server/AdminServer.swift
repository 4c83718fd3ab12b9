import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle
public import VaneEngine

/// The network side of `vane serve`: the gRPC services (Admin, DataProxy, Signal, AuthMetadata) on one
/// port and the HTTP endpoints (health, data transfers) on another. Run `services` under the
/// same `ServiceGroup` as the engine's; `listening()` returns once both ports are bound.
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
    /// Largest gRPC request accepted (flytekit allows 20 MiB responses; closures can be big).
    public var maxRequestBytes: Int
    /// `GET /metrics` on the HTTP port, when given.
    public var metrics: MetricsEndpoint?

    public init(
      host: String = "127.0.0.1", grpcPort: Int = 8089, httpPort: Int = 8088, dataDirectory: String,
      version: String = "dev", maxRequestBytes: Int = 64 << 20, metrics: MetricsEndpoint? = nil
    ) {
      self.host = host
      self.grpcPort = grpcPort
      self.httpPort = httpPort
      self.dataDirectory = dataDirectory
      self.version = version
      self.maxRequestBytes = maxRequestBytes
      self.metrics = metrics
    }
  }

  /// The ports actually bound.
  public struct Ports: Sendable, Hashable {
    public var grpc: Int
    public var http: Int
  }

  public let configuration: Configuration
  public let registry: Registry
  public let projects: ProjectDirectory
  private let transport: HTTP2ServerTransport.Posix
  private let grpcServer: GRPCServer<HTTP2ServerTransport.Posix>
  private let httpApplication: Application<RouterResponder<BasicRequestContext>>
  private let httpAddress: HTTPAddress
  private let httpBound: AsyncStream<Int>
  /// What the server does with the engine (nil without one).
  public let link: EngineLink?

  /// Builds the services over `store`; executions are served when `engine` is given.
  public init(configuration: Configuration, store: any AdminStore, engine: Engine?, logger: Logger) {
    self.configuration = configuration
    let registry = Registry(store: store)
    let projects = ProjectDirectory(store: store)
    self.registry = registry
    self.projects = projects
    let grants = TransferGrants()
    let httpAddress = HTTPAddress()
    self.httpAddress = httpAddress
    let transport = HTTP2ServerTransport.Posix(
      address: .ipv4(host: configuration.host, port: configuration.grpcPort), transportSecurity: .plaintext,
      config: .defaults { config in
        config.rpc.maxRequestPayloadSize = configuration.maxRequestBytes
        // flytekit pings every 30 s, also between calls.
        config.connection.keepalive.clientBehavior = .init(
          minPingIntervalWithoutCalls: .seconds(10), allowWithoutCalls: true)
      })
    self.transport = transport
    let link = engine.map { EngineLink(store: store, engine: $0, logger: logger) }
    self.link = link
    var services: [any RegistrableRPCService] = [
      AdminService(
        registry: registry, projects: projects, executions: link?.executions, version: configuration.version,
        nodes: link?.nodes, scheduler: link?.scheduler),
      AuthMetadataService(),
      DataProxyService(dataDirectory: configuration.dataDirectory, grants: grants, http: httpAddress),
    ]
    if let link { services.append(SignalService(signals: link.signals)) }
    self.grpcServer = GRPCServer(transport: transport, services: services)

    let router = Router()
    DataEndpoints(grants: grants).add(to: router)
    configuration.metrics?.add(to: router)
    let (bound, continuation) = AsyncStream<Int>.makeStream()
    self.httpBound = bound
    let host = configuration.host
    self.httpApplication = Application(
      router: router,
      configuration: .init(address: .hostname(host, port: configuration.httpPort), serverName: "vane"),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        httpAddress.set("http://\(host):\(port)")
        continuation.yield(port)
        continuation.finish()
      },
      logger: logger)
  }

  /// The gRPC server, the HTTP application and (with an engine) event ingestion and the
  /// scheduler, to run under one `ServiceGroup`.
  public var services: [any Service] {
    [GRPCServerService(server: grpcServer), httpApplication] + (link?.services ?? [])
  }

  /// Waits until both servers listen and returns their ports.
  public func listening() async throws -> Ports {
    let address = try await transport.listeningAddress
    guard let grpcPort = address.ipv4?.port ?? address.ipv6?.port else {
      throw AdminError(.internalError, "the gRPC server bound \(address), not an IP port", at: "vane serve")
    }
    var httpPort: Int?
    for await port in httpBound {
      httpPort = port
      break
    }
    guard let httpPort else {
      throw AdminError(.internalError, "the HTTP server stopped before it listened", at: "vane serve")
    }
    return Ports(grpc: grpcPort, http: httpPort)
  }
}

/// Runs a gRPC server as a `Service`: graceful shutdown stops accepting new calls and lets
/// running ones finish.
struct GRPCServerService: Service {
  let server: GRPCServer<HTTP2ServerTransport.Posix>

  func run() async throws {
    try await withGracefulShutdownHandler {
      try await server.serve()
    } onGracefulShutdown: {
      server.beginGracefulShutdown()
    }
  }
}
