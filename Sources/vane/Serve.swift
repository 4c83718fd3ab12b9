import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals
import VaneAdmin
import VaneConsole
import VaneEngine
import VaneModel
import VanePlugins
import VaneRay
import VaneReplica
import VaneS3
import VaneServer
import VaneStore
import VaneStorePostgres

/// `vane serve`: a Flyte backend on this machine — the admin gRPC API, the HTTP data
/// endpoints and the engine, in one process, on the embedded default.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve the Flyte admin API (gRPC) and run executions on this machine.",
    discussion: """
      Point pyflyte and FlyteRemote at it with the printed config (also written to \
      <data dir>/config.yaml): pyflyte --config <data dir>/config.yaml register … \
      Settings come from --config (YAML, see docs/configuration.md), then VANE_… environment \
      variables, then these flags. Stops gracefully on SIGTERM or SIGINT. One server per data \
      directory (<data dir>/serve.lock): a second one exits 75 naming the first's pid. Exit \
      status: 0 stopped, 1 failed, 2 bad flags or configuration, 69 a tool the configuration \
      needs is missing, 75 data directory in use.
      """
  )

  @Option(name: .customLong("config"), help: "A YAML configuration file (docs/configuration.md).")
  var configPath: String?

  @OptionGroup var dataDirectory: DataDirectoryOption

  @Option(help: "The gRPC port (0 picks a free one; default 8089).")
  var port: Int?

  @Option(help: "The HTTP port for health, metrics and data transfers (0 picks a free one; default 8088).")
  var httpPort: Int?

  @Option(help: "The address to listen on (default 127.0.0.1; an IPv4 or IPv6 address or a host name).")
  var host: String?

  @Option(help: "The host name clients are given in the written config and signed URLs (default: the host).")
  var advertiseHost: String?

  @Flag(help: "Require an access token on every call (OAuth2 client credentials; see docs/configuration.md).")
  var auth = false

  @Option(help: "PEM certificate chain: serve gRPC and HTTP over TLS (with --tls-key).")
  var tlsCert: String?

  @Option(help: "PEM private key of --tls-cert.")
  var tlsKey: String?

  @Option(help: "CA certificate clients should trust, written into the flytekit config.")
  var tlsCA: String?

  @Flag(help: "Serve a non-loopback address without --auth (refused otherwise).")
  var allowUnauthenticatedRemote = false

  @Flag(help: "Join a replica group on the admin store's PostgreSQL (needs admin_store.kind: postgres).")
  var replica = false

  @Option(help: "This replica's id in its group (default: host name and process id).")
  var replicaId: String?

  @OptionGroup var images: ImageOptions

  @OptionGroup var warmStarts: WarmStartOptions

  @OptionGroup var sandbox: SandboxOptions

  @OptionGroup var storage: StorageOptions

  @OptionGroup(title: "Logging") var logging: LogOptions

  /// Defaults, then the file, then the environment, then the flags.
  func loadConfig() throws -> Config {
    var config: Config
    do {
      config = try ConfigReader.load(path: configPath)
    } catch {
      throw CLIFailure.badInput("vane serve: bad configuration: \(error)")
    }
    if let dataDir = dataDirectory.dataDir { config.dataDirectory = dataDir }
    if let port { config.server.grpcPort = port }
    if let httpPort { config.server.httpPort = httpPort }
    if let host { config.server.host = host }
    if let advertiseHost { config.server.advertisedHost = advertiseHost }
    if auth { config.auth.enabled = true }
    if let tlsCert { config.server.tlsCertificate = tlsCert }
    if let tlsKey { config.server.tlsKey = tlsKey }
    if let tlsCA { config.server.tlsCA = tlsCA }
    if allowUnauthenticatedRemote { config.server.allowUnauthenticatedRemote = true }
    if replica { config.replica.enabled = true }
    if let replicaId {
      guard !replicaId.isEmpty, replicaId.utf8.count <= 200, !replicaId.contains("/") else {
        throw CLIFailure.badInput("vane serve: --replica-id needs 1-200 bytes and no '/'")
      }
      config.replica.id = replicaId
    }
    config.images.merge(try images.parsed()) { _, flag in flag }
    config.storage = try storage.selection(over: config.storage)
    do {
      try config.checkStorage()
    } catch {
      throw CLIFailure.badInput("vane serve: bad configuration: \(error)")
    }
    return config
  }

  /// The `sandbox` section as the plugin's sandbox; nil when it is not enabled.
  static func sandbox(_ section: Config.Sandbox) -> SandboxConfiguration? {
    guard section.enabled else { return nil }
    return SandboxConfiguration(
      executable: section.executable, network: section.network, uid: section.uid, gid: section.gid,
      readOnlyPaths: section.readOnlyPaths, hiddenPaths: section.hiddenPaths)
  }

  /// The `ray` section as the Ray plugin's settings; nil without `ray.address`.
  func raySettings(_ config: Config) throws -> RaySettings? {
    let ray = config.ray
    guard let address = ray.address else { return nil }
    var settings = try RaySettings(
      address: address, workDirectory: ray.workDirectory, dataDirectory: LocalRuntime.directory(config.dataDirectory),
      images: config.images,
      placement: RayPlacement(taskTypes: Set(ray.taskTypes), images: Set(ray.images), projects: Set(ray.projects)),
      customResources: ray.resources, labelSelector: ray.labels, flag: "ray.address")
    if let interval = ray.pollInterval { settings.configuration.pollInterval = interval }
    if let timeout = ray.contactTimeout { settings.configuration.contactTimeout = timeout }
    return settings
  }

  /// The web console over the admin components, following the engine's rounds for live pages.
  /// With `security` people sign in with an access token the server's own gate verifies, see
  /// only the projects their roles name, and their actions and refusals are audited.
  func consoleEndpoint(
    _ config: Config, admin: AdminComponents, engine: Engine, dataDirectory: String, security: ServerSecurity?,
    logger: Logger
  ) throws -> ConsoleEndpoint {
    let live = LiveUpdates()
    engine.observe(live)
    let logs = LogReaders([FileLogReader(roots: [dataDirectory]), RayLogReader()])
    do {
      let access: any ConsoleAccess =
        security.map {
          ServerSignIn.access(gate: $0.gate, secureCookies: config.server.tlsCertificate != nil)
        } ?? OpenAccess()
      var console = try Console(
        admin: admin, layout: LayoutCache(DotLayout(executable: config.console.dot)), live: live, logs: logs,
        access: access, logger: logger)
      console.audit = security?.audit
      return ConsoleEndpoint(console: console)
    } catch {
      throw CLIFailure.failed("vane serve: the console cannot start: \(error)")
    }
  }

  func run() async throws {
    let started = ContinuousClock.now
    let config = try loadConfig()
    // Data, logs and keys the server writes are not for other users of the machine.
    umask(0o027)
    do throws(ServeError) {
      let address = try ListenAddress(host: config.server.host, advertised: config.server.advertisedHost)
      try ExposureCheck.check(
        address, authEnabled: config.auth.enabled,
        allowUnauthenticatedRemote: config.server.allowUnauthenticatedRemote)
    } catch {
      throw CLIFailure.badInput("vane serve: \(error.description)")
    }
    try logging.bootstrap()
    let metrics = MetricsEndpoint.bootstrap()
    let machine = LocalProcessPlugin.Configuration.machineCapacity
    let capacity = ResourceAmount(
      cpuMillicores: config.tasks.cpuMillicores ?? machine.cpuMillicores,
      memoryBytes: config.tasks.memoryBytes ?? machine.memoryBytes)
    let configured = config.warmStarts
    let warm = try warmStarts.configuration(
      over: .init(
        enabled: configured.enabled, coldImages: configured.coldImages, idleTimeout: configured.idleTimeout,
        startTimeout: configured.startTimeout, startWait: configured.startWait, forkTimeout: configured.forkTimeout,
        maximumServers: configured.maxServers),
      // The configuration already read VANE_WARM_STARTS_ENABLED.
      environment: [:])
    guard config.replica.enabled else {
      // Before anything in the data directory is opened or written.
      let lock = try ServeLock(dataDirectory: LocalRuntime.directory(config.dataDirectory))
      try await serve(config, replica: nil, capacity: capacity, warm: warm, metrics: metrics, started: started)
      withExtendedLifetime(lock) {}
      return
    }
    try await serveReplica(config, capacity: capacity, warm: warm, metrics: metrics, started: started)
  }

  /// Serves until stopped: with `replica`, as one replica of its group (executions in the
  /// shared PostgreSQL store, run only in the shards it holds, the singletons only while it
  /// leads); without, as the one server of its data directory.
  func serve(
    _ config: Config, replica: ReplicaRuntime?, capacity: ResourceAmount,
    warm: LocalProcessPlugin.WarmStartConfiguration, metrics: MetricsEndpoint, started: ContinuousClock.Instant
  ) async throws {
    let logger = Logger(label: "vane.serve")
    let runtime = try LocalRuntime.open(
      dataDirectory: config.dataDirectory, images: config.images, storage: config.storage, capacity: capacity,
      ray: try raySettings(config), warmStarts: warm,
      // The configuration already read VANE_SANDBOX_ENABLED and VANE_SANDBOX_NETWORK.
      sandbox: try sandbox.configuration(over: Self.sandbox(config.sandbox), environment: [:]),
      secretsDirectory: config.tasks.secretsDirectory, deadlines: config.engine.deadlines,
      stores: replica.map { .shared(store: $0.sharded, keyValues: $0.keyValues) } ?? .sqlite, logger: logger)
    try await runtime.checkRay()
    try await runtime.checkStorage()
    // Unlike `vane run`, the server owns every execution in its data directory — or, as a
    // replica, those in the shards it holds.
    var environment = runtime.engine.environment
    environment.roundLimits = config.engine.rounds
    let engine = Engine(
      configuration: .init(workers: config.engine.workers, resyncInterval: config.engine.resyncInterval),
      store: runtime.store, environment: environment, ownership: replica?.book)
    let admin: ServeAdminStore
    do throws(ServeError) {
      admin = try ServeAdminStore(
        config: config, database: runtime.sqlite?.database, dataDirectory: runtime.dataDirectory, logger: logger)
    } catch {
      throw CLIFailure.badInput(error.description)
    }
    let httpAddress = HTTPAddress()
    let security: ServerSecurity?
    let firstClient: FirstAdminClient?
    do throws(ServeError) {
      if config.auth.enabled {
        firstClient = try FirstAdminClient.ensure(
          dataDirectory: runtime.dataDirectory, clientsFile: config.auth.clientsFile)
        security = try await ServerSecurity.make(
          config: config.auth, dataDirectory: runtime.dataDirectory, issuer: { httpAddress.baseURL ?? "vane" })
      } else {
        (security, firstClient) = (nil, nil)
      }
    } catch {
      throw CLIFailure.badInput("vane serve: \(error.description)")
    }
    let components = AdminComponents(
      store: admin.store, engine: engine, logger: logger, budget: ResponseBudget(bytes: config.limits.responseBytes),
      feed: replica.map { PostgresEventFeed(log: $0.store.eventLog) })
    var endpoints: [any HTTPEndpoint] = [metrics]
    let heartbeat = replica?.heartbeat(engine: engine, clock: runtime.engine.environment.clock, logger: logger)
    if let heartbeat {
      endpoints.append(ReplicaHealthEndpoint(status: heartbeat.status, heartbeat: heartbeat.settings.heartbeat))
    }
    if config.console.enabled {
      endpoints.append(
        try consoleEndpoint(
          config, admin: components, engine: engine, dataDirectory: runtime.dataDirectory, security: security,
          logger: logger))
    }
    let server: AdminServer
    do throws(ServeError) {
      server = try AdminServer(
        configuration: .init(
          host: config.server.host, grpcPort: config.server.grpcPort, httpPort: config.server.httpPort,
          dataDirectory: runtime.dataDirectory, version: VaneVersion.current,
          advertisedHost: config.server.advertisedHost,
          tlsCertificate: config.server.tlsCertificate, tlsKey: config.server.tlsKey, limits: config.limits),
        admin: components, logger: logger, endpoints: endpoints, security: security, httpAddress: httpAddress,
        dataProxy: runtime.bucketDataProxy(owners: components.dataOwners))
    } catch {
      throw CLIFailure.badInput("vane serve: \(error.description)")
    }
    var services = admin.services + server.services + engine.services
    if let replica, let heartbeat {
      services =
        admin.services + [replica.store, heartbeat] + server.transportServices + engine.services
        + [LeaderGatedService(services: components.services, leadership: heartbeat.leadership, logger: logger)]
    }
    let group = ServiceGroup(
      configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      do throws(ServeError) {
        try await admin.prepare()
      } catch {
        throw CLIFailure.badInput(error.description)
      }
      let ports = try await server.listening()
      let announcement = ServeAnnouncement(
        address: server.address, ports: ports, dataDirectory: runtime.dataDirectory,
        httpBase: httpAddress.baseURL ?? "", tls: server.configuration.usesTLS, tlsCA: config.server.tlsCA,
        client: firstClient, storageEndpoint: runtime.objectStore?.client.settings.endpoint,
        console: config.console.enabled ? (config.console.endpoint ?? httpAddress.baseURL) : nil,
        replica: replica?.settings.id)
      try announcement.writeConfig()
      announcement.print(startup: ContinuousClock.now - started)
      try await tasks.waitForAll()
    }
  }
}
