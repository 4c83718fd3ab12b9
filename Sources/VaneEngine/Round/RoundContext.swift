import FlyteIDL
import Foundation
import Logging
import SwiftProtobuf
import VaneData
import VaneModel
import VaneStore

/// What one round of one execution works with and collects: the spec and its plan, the
/// environment, the round's clock reading, the events of the transitions made, and a cache of
/// literal maps read during the round. Lives only for the round; never shared across tasks.
final class RoundContext {
  let key: ResourceKey
  let spec: Vane_ExecutionSpec
  let plan: ExecutionPlan
  let environment: EngineEnvironment
  let now: Date
  let wakeUp: @Sendable () -> Void
  /// Starts and watches child executions.
  let launcher: any ExecutionLauncher
  /// Executable nodes (task, array, launch plan) queued or running, for `max_parallelism`.
  var executableRunning = 0
  /// Recovery mode: the earlier execution's node statuses, read once per round.
  var recoveryIndex: RecoveryIndex?
  private(set) var events: [EngineEvent] = []
  private(set) var checkAgainAfter: Duration?
  private var literalMaps: [String: Flyteidl_Core_LiteralMap] = [:]
  /// Maps kept across this execution's rounds.
  let retained: RetainedLiterals

  init(
    key: ResourceKey, spec: Vane_ExecutionSpec, plan: ExecutionPlan, environment: EngineEnvironment,
    launcher: any ExecutionLauncher, retained: RetainedLiterals = RetainedLiterals(),
    wakeUp: @escaping @Sendable () -> Void
  ) {
    self.retained = retained
    self.launcher = launcher
    self.key = key
    self.spec = spec
    self.plan = plan
    self.environment = environment
    self.now = environment.now()
    self.wakeUp = wakeUp
  }

  var executionID: Flyteidl_Core_WorkflowExecutionIdentifier { spec.id }
  var logger: Logger { environment.logger }
  var dataStore: any DataStore { environment.dataStore }
  var layout: DataLayout { environment.layout }
  var executionDirectory: DataURI { DataURI(spec.dataDir) }
  var timestamp: Google_Protobuf_Timestamp { Google_Protobuf_Timestamp(date: now) }

  /// Asks for another round no later than `delay` from now.
  func checkAgain(after delay: Duration) {
    checkAgainAfter = min(checkAgainAfter ?? delay, delay)
  }

  func record(_ event: EngineEvent) {
    events.append(event)
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
}

extension RoundContext {
  /// Retries for system errors per node: the execution's `max_system_failures` when set, else
  /// the engine's default.
  var systemRetries: UInt32 {
    spec.config.maxSystemFailures > 0 ? spec.config.maxSystemFailures : environment.systemRetries
  }
}
