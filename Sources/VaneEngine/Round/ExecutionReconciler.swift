import FlyteIDL
import Foundation
import Logging
import SwiftProtobuf
import Synchronization
import VaneData
import VaneModel
import VaneStore

/// One round for one execution: read the status (the spec is decoded once and cached), let
/// the workflow executor advance it, then write the new status and the round's events in one
/// compare-and-swap transaction. A conflict means someone else wrote first: re-read and redo.
///
/// Node data written during the round is staged; one flush of the data store before the commit
/// makes it durable, so a committed status never names a file a crash could lose.
final class ExecutionReconciler: Reconciler, Sendable {
  typealias Key = ResourceKey

  let store: any ResourceStore
  let environment: EngineEnvironment
  private let settings: RoundContext.Settings
  private let executor: WorkflowExecutor
  let observers: ObserverList
  private let wakeUp: @Sendable (ResourceKey) -> Void
  private let specs = Mutex<[ResourceKey: PreparedSpec]>([:])
  /// Failed rounds in a row, per execution; see `Engine.Configuration.maxRoundFailures`.
  private let failures = Mutex<[ResourceKey: Int]>([:])
  /// The status of each execution as last read or written (see `KnownStatus`).
  private let statuses = Mutex<[ResourceKey: KnownStatus]>([:])
  /// How each execution's last round went, for sizing its next one.
  private let paces = Mutex<[ResourceKey: RoundPace]>([:])
  private let maxRoundFailures: Int
  private let ownership: (any ExecutionOwnership)?

  struct PreparedSpec: Sendable {
    let spec: Vane_ExecutionSpec
    let plan: ExecutionPlan
    let retained = RetainedLiterals()
  }

  init(
    store: any ResourceStore, environment: EngineEnvironment, observers: ObserverList,
    launcher: any ExecutionLauncher, maxRoundFailures: Int = 10, ownership: (any ExecutionOwnership)? = nil,
    wakeUp: @escaping @Sendable (ResourceKey) -> Void
  ) {
    self.store = store
    self.ownership = ownership
    self.maxRoundFailures = max(maxRoundFailures, 1)
    self.environment = environment
    self.settings = RoundContext.Settings(environment)
    self.observers = observers
    self.wakeUp = wakeUp
    self.executor = WorkflowExecutor(
      nodes: NodeExecutor(
        handlers: NodeHandlerFactory(environment: environment, launcher: launcher), launcher: launcher))
  }

  func reconcile(_ key: ResourceKey) async -> ReconcileOutcome {
    // The round's staged node data is the execution's own: a write of it that fails fails
    // this execution's flush, never another's.
    let outcome = await StagingOwner.$current.withValue(Self.stagingOwner(key)) { await round(key) }
    guard case .retry(let error) = outcome else {
      _ = failures.withLock { $0.removeValue(forKey: key) }
      return outcome
    }
    let count = failures.withLock { counts in
      counts[key, default: 0] += 1
      return counts[key, default: 0]
    }
    guard count >= maxRoundFailures else { return outcome }
    do {
      // Only right after a failed round, and only if the store takes the write: a store that
      // is down fails this too, and the execution is retried once it is back.
      try await fail(key, afterFailedRounds: count, lastError: error)
    } catch {
      environment.logger.error(
        "could not fail a poison execution", metadata: ["execution": "\(key)", "error": "\(error)"])
      return outcome
    }
    _ = failures.withLock { $0.removeValue(forKey: key) }
    forget(key)
    return .done
  }

  /// The execution as a `StagingOwner`: length-prefixed parts, so no two keys share one.
  static func stagingOwner(_ key: ResourceKey) -> String {
    "\(key.project.utf8.count):\(key.project)/\(key.domain.utf8.count):\(key.domain)/\(key.name)"
  }

  private func round(_ key: ResourceKey) async -> ReconcileOutcome {
    // Another engine runs it now (its shard moved): nothing to do here, and nothing to retry.
    if let ownership, !ownership.owns(key) {
      forget(key)
      return .done
    }
    do {
      let clock = environment.clock
      let readStart = clock.now
      guard case let (metadata, known)? = try await read(key), !metadata.isTerminal else {
        forget(key)
        return .done
      }
      var status = known.status
      let before = status
      // What this execution's status costs to read now and cost to compare last round (what
      // grows with the graph, not with the round's work): the budget keeps the round's work a
      // multiple of it (`RoundLimits.statusCostMultiple`).
      let pace = paces.withLock { $0[key] } ?? RoundPace()
      let statusCost = readStart.duration(to: clock.now) + pace.compareCost
      let prepared = try await prepared(key)
      let wakeUp = self.wakeUp
      let round = RoundContext(
        key: key, spec: prepared.spec, plan: prepared.plan, settings: settings, now: clock.now,
        retained: prepared.retained,
        budget: environment.roundLimits.budget(
          statusCost: statusCost, firstRound: known.status.rounds == 0, spentRounds: pace.spentRounds),
        wakeUp: { wakeUp(key) })
      await executor.round(&status, abortReason: metadata.abortRequest?.reason, round: round)
      let terminal = WorkflowPhase(stored: status.phase).isTerminal
      let compareStart = clock.now
      var compareCost = Duration.zero
      if status != before || !round.events.isEmpty {
        status.rounds += 1
        status.updatedAt = round.timestamp
        // Only the nodes that changed (`StatusChanges`), against the status as stored.
        let write = try StatusChanges.write(from: known.inRecords ? before : nil, to: status)
        let size = known.totalBytes(after: write)
        compareCost = compareStart.duration(to: clock.now)
        guard size <= environment.roundLimits.statusBytes else {
          // A write that can never succeed: fail the execution rather than retry it forever.
          try await fail(key, statusOf: size)
          forget(key)
          return .done
        }
        let events = try round.events.map { try $0.stored() }
        try await environment.dataStore.flush()
        let committed = try await store.update(
          key, expectedVersion: metadata.version, status: write, terminal: terminal, appending: events)
        var next = known
        next.applied(write, status: status, version: committed.version)
        statuses.withLock { $0[key] = next }
        observers.notify(round.events)
      }
      let nextPace = RoundPace(
        compareCost: compareCost, spentRounds: round.deferredStarts ? pace.spentRounds + 1 : 0)
      paces.withLock { $0[key] = nextPace }
      if terminal {
        forget(key)
        // A child execution's end is news for the launch-plan node waiting on it.
        if prepared.spec.hasParentNode { wakeUp(ResourceKey(execution: prepared.spec.parentNode.executionID)) }
        return .done
      }
      return round.wakeUpAfter.map { .wakeUp(after: $0) } ?? .done
    } catch let error as StoreError where error.code == .conflict {
      return .wakeUp(after: .zero)
    } catch let error as StoreError where error.code == .fenced {
      // The shard's lease was taken over while this round ran: the new owner redoes it from
      // the stored status; this engine writes nothing more for it.
      environment.logger.notice(
        "round fenced off: another replica owns the execution now",
        metadata: ["execution": "\(key)", "error": "\(error)"])
      forget(key)
      return .done
    } catch {
      environment.logger.error(
        "round failed", metadata: ["execution": "\(key)", "error": "\(error)"])
      return .retry(error)
    }
  }

  /// The execution's metadata and status: the status known from the last round when the
  /// store is still at its version (one small read), else read whole. `nil` when it is gone.
  private func read(_ key: ResourceKey) async throws -> (ResourceMetadata, KnownStatus)? {
    if let known = statuses.withLock({ $0[key] }) {
      guard let metadata = try await store.metadata(key) else { return nil }
      if metadata.version == known.version { return (metadata, known) }
    }
    guard let stored = try await store.getStatus(key) else { return nil }
    let known = try KnownStatus(stored)
    statuses.withLock { $0[key] = known }
    return (stored.metadata, known)
  }

  /// Keeps the spec and plan of an execution just created by this engine, so its first round
  /// neither reads nor decodes the spec again (a 10,000-node spec takes ~60 ms to decode).
  func remember(_ spec: Vane_ExecutionSpec, plan: ExecutionPlan, of key: ResourceKey) {
    specs.withLock { $0[key] = PreparedSpec(spec: spec, plan: plan) }
  }

  func prepared(_ key: ResourceKey) async throws -> PreparedSpec {
    if let cached = specs.withLock({ $0[key] }) { return cached }
    guard let resource = try await store.get(key) else {
      throw EngineError(.invalidExecution, "execution \(key) disappeared during its round")
    }
    let spec = try Vane_ExecutionSpec(serializedBytes: resource.spec)
    let prepared = PreparedSpec(spec: spec, plan: ExecutionPlan(spec.closure))
    specs.withLock { $0[key] = prepared }
    return prepared
  }

  /// Forgets every execution `ownership` no longer names (see `Engine.forgetUnowned`).
  func forgetUnowned() {
    guard let ownership else { return }
    for key in kept where !ownership.owns(key) { forget(key) }
  }

  /// The executions this reconciler keeps anything of between rounds.
  var kept: Set<ResourceKey> {
    Set(specs.withLock { Array($0.keys) }).union(statuses.withLock { Array($0.keys) })
  }

  func forget(_ key: ResourceKey) {
    _ = specs.withLock { $0.removeValue(forKey: key) }
    _ = statuses.withLock { $0.removeValue(forKey: key) }
    _ = paces.withLock { $0.removeValue(forKey: key) }
  }
}

/// The observers of recorded events; added before or while the engine runs.
final class ObserverList: Sendable {
  private let observers = Mutex<[any EngineObserver]>([])

  func add(_ observer: any EngineObserver) {
    observers.withLock { $0.append(observer) }
  }

  func notify(_ events: [EngineEvent]) {
    guard !events.isEmpty else { return }
    for observer in observers.withLock({ $0 }) { observer.engine(recorded: events) }
  }
}
