import Foundation
public import Logging
public import ServiceLifecycle
public import VaneEngine
import VaneStore

/// Everything the admin side does with an engine, built once for `AdminServer`: executions,
/// node and task executions (event ingestion from the engine's SQLite event log), signals,
/// and the launch scheduler, plus the long-running services that go with them.
///
/// Node executions need an admin store that is an `ExecutionEventStore` and an engine on
/// `SQLiteResourceStore` (its event log is the feed); the scheduler needs a `ScheduleStore`.
/// What is missing is logged and left out.
public struct EngineLink: Sendable {
  public let executions: ExecutionManager
  public let nodes: NodeExecutionReader?
  public let signals: SignalDirectory
  public let scheduler: LaunchScheduler?
  /// Event ingestion and the scheduler, to run under the server's `ServiceGroup`.
  public let services: [any Service]

  public init(store: any AdminStore, engine: Engine, logger: Logger) {
    executions = ExecutionManager(store: store, engine: engine)
    signals = SignalDirectory(executions: store, engine: engine)
    var services: [any Service] = []
    if let events = store as? any ExecutionEventStore, let engineStore = engine.store as? SQLiteResourceStore {
      let ingestion = EventIngestion(
        feed: SQLiteEventFeed(database: engineStore.database), store: events,
        children: ChildExecutionRecorder(store: store, engine: engine, logger: logger), logger: logger)
      nodes = NodeExecutionReader(store: events, executions: store, ingestion: ingestion, engine: engine)
      services.append(EventIngestionService(ingestion: ingestion, engine: engine, logger: logger))
    } else {
      nodes = nil
      logger.notice("node and task executions are not served: the admin store or engine store cannot provide them")
    }
    if let fires = store as? any ScheduleStore {
      let executions = self.executions
      let scheduler = LaunchScheduler(
        registry: store, fires: fires, launch: { (run) throws(AdminError) in try await executions.launch(run) },
        logger: logger)
      self.scheduler = scheduler
      services.append(scheduler)
    } else {
      scheduler = nil
      logger.notice("launch plan schedules are not run: the admin store cannot record fired runs")
    }
    self.services = services
  }
}
