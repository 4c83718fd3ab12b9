import FlyteIDL
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import VaneData
import VaneEngine
import VaneModel
import VaneStore
import VaneTesting

/// A real engine over a SQLite file and a local data directory in a fresh temporary
/// directory, with the scripted plugin for `python-task`s and a recorder of every event. The
/// engine reads the directory through `outage`, which a test can switch off.
final class EngineHarness: Sendable {
  let directory: URL
  let dataStore: LocalDataStore
  let outage: OutageDataStore
  let layout: DataLayout
  let plugin: ScriptedPlugin
  let store: SQLiteResourceStore
  let environment: EngineEnvironment
  private let configuration: Engine.Configuration
  private let current: Mutex<Engine>
  let recorder = EventRecorder()
  /// The engine's clock when the test drives time.
  let clock: ManualClock?
  private let ownsDirectory: Bool

  /// A new engine in a new temporary directory; `clock`, when given, is the engine's one clock
  /// (timestamps, timers, back-off, resyncs), which then moves only when the test moves it.
  convenience init(
    systemRetries: UInt32 = 3, workers: Int = 4, clock: ManualClock? = nil, deadlines: EngineDeadlines = .init(),
    roundLimits: RoundLimits = .init()
  ) throws {
    let directory = try TemporaryDirectory("vane-engine").url
    let dataStore = LocalDataStore(root: directory.appendingPathComponent("data").path)
    try self.init(
      directory: directory, plugin: ScriptedPlugin(dataStore: dataStore), systemRetries: systemRetries,
      workers: workers, clock: clock, ownsDirectory: true, deadlines: deadlines, roundLimits: roundLimits)
  }

  /// A second engine over the same database file, data directory and plugin (the work the
  /// plugin started outlives the engine, as processes outlive a restarted engine).
  convenience init(reopening other: EngineHarness, maxRoundFailures: Int = 10) throws {
    try self.init(
      directory: other.directory, plugin: other.plugin, systemRetries: 3, workers: 4, clock: other.clock,
      ownsDirectory: false, maxRoundFailures: maxRoundFailures)
  }

  private init(
    directory: URL, plugin: ScriptedPlugin, systemRetries: UInt32, workers: Int, clock: ManualClock?,
    ownsDirectory: Bool, maxRoundFailures: Int = 10, deadlines: EngineDeadlines = .init(),
    roundLimits: RoundLimits = .init()
  ) throws {
    self.directory = directory
    self.clock = clock
    self.ownsDirectory = ownsDirectory
    self.plugin = plugin
    dataStore = LocalDataStore(root: directory.appendingPathComponent("data").path)
    outage = OutageDataStore(dataStore)
    layout = DataLayout(dataDirectory: dataStore.rootURI)
    store = try SQLiteResourceStore(path: directory.appendingPathComponent("vane.db").path)
    var registry = PluginRegistry.Builder()
    registry.register(plugin)
    var environment = EngineEnvironment(
      dataStore: outage, layout: layout, plugins: try registry.build(),
      keyValues: try SQLiteKeyValueStore(database: store.database), systemRetries: systemRetries,
      logger: Logger(label: "vane.engine.test"), clock: clock ?? SystemClock())
    environment.deadlines = deadlines
    environment.roundLimits = roundLimits
    self.environment = environment
    configuration = Engine.Configuration(
      workers: workers, resyncInterval: .seconds(60), maxRoundFailures: maxRoundFailures)
    let engine = Engine(configuration: configuration, store: store, environment: environment)
    engine.observe(recorder)
    current = Mutex(engine)
  }

  /// The engine the next `running` call runs. An engine's services run once (its queue shuts
  /// down with them), so every `running` call ends by putting a fresh engine over the same
  /// store, data directory, plugin and recorder in its place.
  var engine: Engine { current.withLock { $0 } }

  private func replaceEngine() {
    let engine = Engine(configuration: configuration, store: store, environment: environment)
    engine.observe(recorder)
    current.withLock { $0 = engine }
  }

  deinit {
    if ownsDirectory { try? FileManager.default.removeItem(at: directory) }
  }

  /// A spec for `closure` with `inputs`, named `name` in project `proj`, domain `dev`.
  func spec(
    _ closure: Flyteidl_Core_CompiledWorkflowClosure, inputs: [String: Flyteidl_Core_Literal], name: String = "exec",
    maxParallelism: UInt32 = 0
  ) -> Vane_ExecutionSpec {
    var spec = Vane_ExecutionSpec()
    spec.id.project = "proj"
    spec.id.domain = "dev"
    spec.id.name = name
    spec.closure = closure
    spec.inputs = literals(inputs)
    spec.dataDir = layout.executionDirectory(spec.id).rawValue
    spec.config.maxParallelism = maxParallelism
    return spec
  }

  /// Runs the engine's services around `body`, then shuts them down gracefully.
  func running<T>(_ body: () async throws -> T) async throws -> T {
    defer { replaceEngine() }
    let group = ServiceGroup(configuration: .init(services: engine.services, logger: Logger(label: "test")))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      do {
        let result = try await body()
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return result
      } catch {
        tasks.cancelAll()
        throw error
      }
    }
  }

  /// Runs the engine's services around `body`, then cancels them (an engine that dies).
  func runningThenCancelled(_ body: () async throws -> Void) async throws {
    defer { replaceEngine() }
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      for service in engine.services {
        tasks.addTask { try await service.run() }
      }
      defer { tasks.cancelAll() }
      try await body()
    }
  }

  /// Creates the execution, runs the engine until it ends, and returns its final status.
  func execute(
    _ spec: Vane_ExecutionSpec, within limit: Duration = .seconds(60)
  ) async throws -> (
    ResourceKey, Vane_ExecutionStatus
  ) {
    try await running {
      let key = try await engine.create(spec)
      return (key, try await waitForEnd(key, within: limit))
    }
  }

  /// Waits until the recorder saw a terminal workflow event of `key`; returns the stored status.
  func waitForEnd(_ key: ResourceKey, within limit: Duration = .seconds(60)) async throws -> Vane_ExecutionStatus {
    try await eventually("execution \(key) to end", within: limit) { recorder.ended(key) }
    return try #require(await engine.status(of: key))
  }

  /// Waits until the stored status of `key` satisfies `condition`.
  func waitForStatus(
    _ key: ResourceKey, _ what: String, within limit: Duration = .seconds(60),
    _ condition: (Vane_ExecutionStatus) -> Bool
  ) async throws -> Vane_ExecutionStatus {
    try await eventually(what, within: limit) { () async throws -> Vane_ExecutionStatus? in
      guard let status = try await engine.status(of: key), condition(status) else { return nil }
      return status
    }
  }

  /// Waits until the engine sleeps on the manual clock until `delay` from now — that is, until
  /// every round has run and the next thing the engine waits for is that timer.
  func waitForTimer(after delay: Duration) async throws {
    let clock = try #require(clock, "the harness has no manual clock")
    try await clock.waitForSleeper(after: delay)
  }

  /// The workflow outputs of a succeeded execution.
  func outputs(of status: Vane_ExecutionStatus) async throws -> Flyteidl_Core_LiteralMap {
    try #require(!status.outputsUri.isEmpty, "the execution has no outputs")
    return try await dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: DataURI(status.outputsUri))
  }

  /// The node outputs stored at `status.outputsUri`.
  func outputs(of node: Vane_NodeStatus) async throws -> Flyteidl_Core_LiteralMap {
    try #require(!node.outputsUri.isEmpty, "the node has no outputs")
    return try await dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: DataURI(node.outputsUri))
  }

  /// Every event of `key` as the SQLite event log stores it, in order.
  func storedEvents(_ key: ResourceKey) async throws -> [ExecutionEvent] {
    try await SQLiteEventLog(database: store.database).events(for: key, after: 0, limit: 100_000)
  }
}

extension Vane_ExecutionStatus {
  var workflowPhase: WorkflowPhase { WorkflowPhase(stored: phase) }
}

extension Vane_NodeStatus {
  var nodePhase: NodePhase { NodePhase(stored: phase) }
}
