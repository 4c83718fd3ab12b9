import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals
import VaneAdmin
import VaneEngine
import VaneStore

/// `vane serve`: a Flyte backend on this machine — the admin gRPC API, the HTTP data
/// endpoints and the engine, in one process, on the embedded default.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve the Flyte admin API (gRPC) and run executions on this machine.",
    discussion: """
      Point pyflyte and FlyteRemote at it with the printed config (also written to \
      <data dir>/config.yaml): pyflyte --config <data dir>/config.yaml register … \
      Stops gracefully on SIGTERM or SIGINT.
      """
  )

  @Option(
    help: "Where registrations, executions and their data are kept (default: $VANE_DATA_DIR or ~/.local/share/vane).")
  var dataDir: String?

  @Option(help: "The gRPC port (0 picks a free one).")
  var port: Int = 8089

  @Option(help: "The HTTP port for health and data transfers (0 picks a free one).")
  var httpPort: Int = 8088

  @Option(help: "The address to listen on.")
  var host: String = "127.0.0.1"

  @Option(
    name: .customLong("image"), help: "IMAGE=DIR: run tasks of this image (or *) with the Python environment DIR.")
  var images: [String] = []

  func run() async throws {
    let started = ContinuousClock.now
    var logger = Logger(label: "vane.serve")
    logger.logLevel = .notice
    let runtime = try LocalRuntime.open(dataDirectory: dataDir, images: try ImageOptions.parse(images), logger: logger)
    // Unlike `vane run`, the server owns every execution in its data directory.
    let engine = Engine(store: runtime.store, environment: runtime.engine.environment)
    let store: SQLiteAdminStore
    do {
      store = try SQLiteAdminStore(database: runtime.store.database)
      try await ProjectDirectory(store: store).ensureDefaultProject()
    } catch {
      throw CLIFailure.badInput("\(runtime.dataDirectory)/vane.db: cannot open the admin tables: \(error)")
    }
    let server = AdminServer(
      configuration: .init(host: host, grpcPort: port, httpPort: httpPort, dataDirectory: runtime.dataDirectory),
      store: store, engine: engine, logger: logger)
    let group = ServiceGroup(
      configuration: .init(
        services: server.services + engine.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      let ports = try await server.listening()
      let announcement = ServeAnnouncement(host: host, ports: ports, dataDirectory: runtime.dataDirectory)
      try announcement.writeConfig()
      announcement.print(startup: ContinuousClock.now - started)
      try await tasks.waitForAll()
    }
  }
}
