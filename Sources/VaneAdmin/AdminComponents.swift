import Foundation
public import Logging
public import ServiceLifecycle
public import VaneAdminStore
public import VaneEngine
import VaneStore

/// The admin side over one store and (optionally) an engine, built once: every component a
/// transport calls, and the long-running services that keep them current.
///
/// Without an engine only the registry and the projects are served. With one: executions,
/// signals and — when the stores can provide them — node and task executions (event
/// ingestion from the given feed or an engine on `SQLiteResourceStore`, into an
/// `ExecutionEventStore`) and the
/// launch scheduler (a `ScheduleStore` records fired runs). What is missing is logged and left
/// out.
public struct AdminComponents: Sendable {
  public let registry: Registry
  public let projects: ProjectDirectory
  /// Project, project-domain and workflow attributes.
  public let attributes: MatchableAttributeDirectory
  public let executions: ExecutionManager?
  public let nodes: NodeExecutionReader?
  /// The span tree of an execution (needs node executions).
  public let metrics: ExecutionMetrics?
  public let signals: SignalDirectory?
  public let scheduler: LaunchScheduler?
  /// Which executions a data file belongs to (nil without an engine, whose layout it reads).
  public let dataOwners: DataOwnership?
  /// Event ingestion and the scheduler, to run under the server's `ServiceGroup`.
  public let services: [any Service]

  /// `budget` bounds the bytes of one list page (`limits.response_bytes`). `feed` is the
  /// engine's event feed when its store is not SQLite (`PostgresEventFeed`); without one, the
  /// feed of an engine on `SQLiteResourceStore` is used.
  public init(
    store: any AdminStore, engine: Engine?, logger: Logger, budget: ResponseBudget = ResponseBudget(),
    feed: (any EventFeed)? = nil
  ) {
    var registry = Registry(store: store)
    registry.budget = budget
    self.registry = registry
    projects = ProjectDirectory(store: store)
    attributes = MatchableAttributeDirectory(store: store)
    guard let engine else {
      (executions, nodes, metrics, signals, scheduler, services, dataOwners) = (nil, nil, nil, nil, nil, [], nil)
      return
    }
    var manager = ExecutionManager(store: store, engine: engine)
    manager.budget = budget
    let executions = manager
    self.executions = executions
    dataOwners = DataOwnership(store: store, layout: engine.environment.layout)
    signals = SignalDirectory(executions: store, engine: engine)
    var services: [any Service] = [OrphanSweep(executions: executions, startedAt: Date(), logger: logger)]
    let given = feed != nil
    if let events = store as? any ExecutionEventStore,
      let feed = feed
        ?? (engine.store as? SQLiteResourceStore).flatMap({
          Self.feed(of: $0.database, into: store, logger: logger)
        })
    {
      let ingestion = EventIngestion(
        feed: feed, store: events,
        children: ChildExecutionRecorder(store: store, engine: engine, logger: logger), logger: logger)
      let reader = NodeExecutionReader(store: events, executions: store, ingestion: ingestion, engine: engine)
      nodes = reader
      metrics = ExecutionMetrics(executions: executions, nodes: reader)
      // A given feed is a shared store's: other replicas' rounds append to it too.
      services.append(
        EventIngestionService(ingestion: ingestion, engine: engine, followsStoreChanges: given, logger: logger))
    } else {
      nodes = nil
      metrics = nil
      logger.notice("node and task executions are not served: the admin store or engine store cannot provide them")
    }
    if let fires = store as? any ScheduleStore {
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

  /// The engine's event feed, named for where its positions are kept (see `SQLiteEventFeed`);
  /// nil (node executions not served) when the engine database cannot be given an identity.
  static func feed(of database: SQLiteDatabase, into store: any AdminStore, logger: Logger) -> SQLiteEventFeed? {
    if (store as? SQLAdminStore)?.keepsTables(in: database) == true { return SQLiteEventFeed(database: database) }
    do {
      return try SQLiteEventFeed.identified(database: database)
    } catch {
      logger.error("node and task executions are not served: \(error)")
      return nil
    }
  }
}
