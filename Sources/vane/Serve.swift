import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals
import VaneAdmin
import VaneEngine
import VanePlugins
import VaneStore

/// `vane serve`: a Flyte backend on this machine — the admin gRPC API, the HTTP data
/// endpoints and the engine, in one process, on the embedded default.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve the Flyte admin API (gRPC) and run executions on this machine.",
    discussion: """
      Point pyflyte and FlyteRemote at it with the printed config (also written to \
      <data dir>/config.yaml): pyflyte --config <data dir>/config.yaml register … \
      Settings come from --config (YAML, see docs/configuration.md), then VANE_… environment \
      variables, then these flags. Stops gracefully on SIGTERM or SIGINT.
      """
  )

  @Option(name: .customLong("config"), help: "A YAML configuration file (docs/configuration.md).")
  var configPath: String?

  @Option(
    help: "Where registrations, executions and their data are kept (default: $VANE_DATA_DIR or ~/.local/share/vane).")
  var dataDir: String?

  @Option(help: "The gRPC port (0 picks a free one; default 8089).")
  var port: Int?

  @Option(help: "The HTTP port for health, metrics and data transfers (0 picks a free one; default 8088).")
  var httpPort: Int?

  @Option(help: "The address to listen on (default 127.0.0.1).")
  var host: String?

  @Option(
    name: .customLong("image"), help: "IMAGE=DIR: run tasks of this image (or *) with the Python environment DIR.")
  var images: [String] = []

  /// Defaults, then the file, then the environment, then the flags.
  func loadConfig() throws -> Config {
    var config: Config
    do {
      config = try ConfigReader.load(path: configPath)
    } catch {
      throw CLIFailure.badInput("vane serve: bad configuration: \(error)")
    }
    if let dataDir { config.dataDirectory = dataDir }
    if let port { config.server.grpcPort = port }
    if let httpPort { config.server.httpPort = httpPort }
    if let host { config.server.host = host }
    config.images.merge(try ImageOptions.parse(images)) { _, flag in flag }
    return config
  }

  func run() async throws {
    let started = ContinuousClock.now
    let config = try loadConfig()
    var logger = Logger(label: "vane.serve")
    logger.logLevel = .notice
    let metrics = MetricsEndpoint.bootstrap()
    let machine = LocalProcessPlugin.Configuration.machineCapacity
    let capacity = ResourceAmount(
      cpuMillicores: config.tasks.cpuMillicores ?? machine.cpuMillicores,
      memoryBytes: config.tasks.memoryBytes ?? machine.memoryBytes)
    let runtime = try LocalRuntime.open(
      dataDirectory: config.dataDirectory, images: config.images, capacity: capacity, logger: logger)
    // Unlike `vane run`, the server owns every execution in its data directory.
    let engine = Engine(
      configuration: .init(workers: config.engine.workers, resyncInterval: config.engine.resyncInterval),
      store: runtime.store, environment: runtime.engine.environment)
    let admin = try ServeAdminStore(
      config: config, database: runtime.store.database, dataDirectory: runtime.dataDirectory, logger: logger)
    let host = config.server.host
    let server = AdminServer(
      configuration: .init(
        host: host, grpcPort: config.server.grpcPort, httpPort: config.server.httpPort,
        dataDirectory: runtime.dataDirectory, metrics: metrics),
      store: admin.store, engine: engine, logger: logger)
    let group = ServiceGroup(
      configuration: .init(
        services: admin.services + server.services + engine.services, gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      try await admin.prepare()
      let ports = try await server.listening()
      let announcement = ServeAnnouncement(host: host, ports: ports, dataDirectory: runtime.dataDirectory)
      try announcement.writeConfig()
      announcement.print(startup: ContinuousClock.now - started)
      try await tasks.waitForAll()
    }
  }
}
