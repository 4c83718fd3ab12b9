import FlyteIDL
import Foundation
import Logging
import SwiftProtobuf
import VaneData
import VaneModel
import VaneStore

/// What one round of one execution works with and collects: the spec and its plan, the round's
/// clock reading, where node data lives, the events of the transitions made, when to wake the
/// execution up again, and a cache of literal maps read during the round. Lives only for the
/// round; never shared across tasks.
///
/// It holds facts of the round, not services: the handlers hold their own collaborators
/// (plugins, stores, the launcher), built once by `NodeHandlerFactory`.
final class RoundContext {
  /// The engine-wide facts every round reads, taken once from the `EngineEnvironment`.
  struct Settings: Sendable {
    var dataStore: any DataStore
    var layout: DataLayout
    /// Names this engine in events (`producer_id`).
    var producerID: String
    var logger: Logger
    /// Retries for system errors per node, unless the execution sets its own.
    var systemRetries: UInt32
    /// The engine's default deadlines.
    var deadlines = EngineDeadlines()
    /// The engine's clock, read while a round runs only to check its time budget.
    var clock: any WallClock

    init(
      dataStore: any DataStore, layout: DataLayout, producerID: String, logger: Logger, systemRetries: UInt32,
      clock: any WallClock = SystemClock()
    ) {
      self.dataStore = dataStore
      self.layout = layout
      self.producerID = producerID
      self.logger = logger
      self.systemRetries = systemRetries
      self.clock = clock
    }

    init(_ environment: EngineEnvironment) {
      self.init(
        dataStore: environment.dataStore, layout: environment.layout, producerID: environment.producerID,
        logger: environment.logger, systemRetries: environment.systemRetries, clock: environment.clock)
      deadlines = environment.deadlines
    }
  }

  let key: ResourceKey
  let spec: Vane_ExecutionSpec
  let plan: ExecutionPlan
  let settings: Settings
  /// The round's one reading of the clock: every timestamp of the round is this instant.
  let instant: WallTime
  /// Wakes this execution up (gives it another round) at once; handed to plugins.
  let wakeUp: @Sendable () -> Void
  /// Executable nodes (task, array, launch plan) queued or running, for `max_parallelism`.
  var executableRunning = 0
  /// Recovery mode: the earlier execution's node statuses, read once per round.
  var recoveryIndex: RecoveryIndex?
  private(set) var events: [EngineEvent] = []
  /// Node events recorded so far: the transitions the budget counts.
  private(set) var nodeTransitions = 0
  /// How much the round may do before it starts no more nodes.
  let budget: RoundBudget
  /// True once the round stopped starting nodes because its budget was spent (nodes are left
  /// unstarted for the next round).
  private(set) var deferredStarts = false
  /// When the execution must be woken up again at the latest, if something waits on time.
  private(set) var wakeUpAfter: Duration?
  private var literalMaps: [String: Flyteidl_Core_LiteralMap] = [:]
  /// Maps kept across this execution's rounds.
  let retained: RetainedLiterals

  init(
    key: ResourceKey, spec: Vane_ExecutionSpec, plan: ExecutionPlan, settings: Settings, now: WallTime,
    retained: RetainedLiterals = RetainedLiterals(), budget: RoundBudget = .unbounded,
    wakeUp: @escaping @Sendable () -> Void
  ) {
    self.budget = budget
    self.key = key
    self.spec = spec
    self.plan = plan
    self.settings = settings
    self.instant = now
    self.retained = retained
    self.wakeUp = wakeUp
  }

  var executionID: Flyteidl_Core_WorkflowExecutionIdentifier { spec.id }
  var logger: Logger { settings.logger }
  var dataStore: any DataStore { settings.dataStore }
  var layout: DataLayout { settings.layout }
  var producerID: String { settings.producerID }
  var executionDirectory: DataURI { DataURI(spec.dataDir) }
  /// The round's instant as a date.
  var now: Date { instant.date }
  /// The round's instant as a protobuf timestamp, exactly (deadlines are computed from them).
  var timestamp: Google_Protobuf_Timestamp { instant.timestamp }

  /// Asks for another round no later than `delay` from now. A delay longer than a day is
  /// asked for as a day: the later round asks again, and no timer is set decades ahead (a
  /// deadline from a spec can be a century × its attempts away).
  func wakeUp(after delay: Duration) {
    let bounded = min(delay, Self.longestWakeUp)
    wakeUpAfter = min(wakeUpAfter ?? bounded, bounded)
  }

  /// The longest a round asks to sleep before the next one.
  static let longestWakeUp: Duration = .seconds(86_400)

  func record(_ event: EngineEvent) {
    if case .node = event.message { nodeTransitions += 1 }
    events.append(event)
  }

  /// Whether a node may be started now: false once the round's budget is spent, and then the
  /// next round is asked for at once (the caller leaves the node for it).
  func mayStartNode() -> Bool {
    if deferredStarts { return false }
    guard budget.isSpent(transitions: nodeTransitions, start: instant, now: settings.clock.now) else { return true }
    deferredStarts = true
    wakeUp(after: .zero)
    return false
  }

  /// Reads a literal map once per round, or once per execution with `retain` (for large maps
  /// read every round, written once).
  func literalMap(at uri: DataURI, retain: Bool = false) async throws(DataError) -> Flyteidl_Core_LiteralMap {
    if let cached = literalMaps[uri.rawValue] { return cached }
    if retain, let kept = retained.map(at: uri.rawValue) {
      literalMaps[uri.rawValue] = kept
      return kept
    }
    let map = try await dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: uri)
    literalMaps[uri.rawValue] = map
    if retain { retained.keep(map, at: uri.rawValue) }
    return map
  }

  /// Stages a literal map (the reconciler flushes before it commits the round) and remembers it
  /// for the rest of the round.
  func write(_ map: Flyteidl_Core_LiteralMap, to uri: DataURI) async throws(DataError) {
    try await dataStore.stageMessage(map, to: uri)
    literalMaps[uri.rawValue] = map
  }
}

extension RoundContext {
  /// True when `max_parallelism` executable nodes are already queued or running.
  var parallelismExhausted: Bool {
    let limit = Int(spec.config.maxParallelism)
    return limit > 0 && executableRunning >= limit
  }

  /// Retries for system errors per node: the execution's `max_system_failures` when set, else
  /// the engine's default.
  var systemRetries: UInt32 {
    spec.config.maxSystemFailures > 0 ? spec.config.maxSystemFailures : settings.systemRetries
  }
}
