import Logging
import PostgresNIO
import VaneAdminStore
import VaneModel
import VanePlugins
import VaneServer

extension Serve {
  /// `vane serve --replica`: one replica of a group on the admin store's PostgreSQL. Replicas
  /// may share a data directory (task work directories, local data), so none takes its lock;
  /// each writes its flytekit config under `<data dir>/replicas/<id>/`.
  func serveReplica(
    _ config: Config, capacity: ResourceAmount, warm: LocalProcessPlugin.WarmStartConfiguration,
    metrics: MetricsEndpoint, started: ContinuousClock.Instant
  ) async throws {
    guard config.adminStore.kind == .postgres else {
      throw CLIFailure.badInput(
        "vane serve: bad configuration: replica.enabled needs admin_store.kind: postgres "
          + "(the replicas share its database for executions and leases)")
    }
    let logger = Logger(label: "vane.replica")
    var background = logger
    background.logLevel = .error
    // No server-side idle-in-transaction limit: PostgresNIO (1.x) never returns from a query on
    // a session the server ended, which would wedge the engine; the fence never blocks a
    // takeover instead (`PostgresResourceStore.checkFence`).
    var configuration = config.adminStore.postgres.clientConfiguration
    let client = PostgresClient(configuration: configuration, backgroundLogger: background)
    // The heartbeat's own two connections: a busy engine never makes a renewal wait for one.
    configuration.options.maximumConnections = 2
    let leaseClient = PostgresClient(configuration: configuration, backgroundLogger: background)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { await client.run() }
      tasks.addTask { await leaseClient.run() }
      do {
        let replica = try await ReplicaRuntime.open(
          config: config, client: client, leaseClient: leaseClient, clock: SystemClock(), logger: logger)
        try await serve(config, replica: replica, capacity: capacity, warm: warm, metrics: metrics, started: started)
      } catch {
        tasks.cancelAll()
        throw error
      }
      tasks.cancelAll()
    }
  }
}
