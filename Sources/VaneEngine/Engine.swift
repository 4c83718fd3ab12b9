import FlyteIDL
import Foundation
import Logging
public import ServiceLifecycle
import SwiftProtobuf
import VaneData
public import VaneModel
public import VaneStore

/// The engine: a work queue of executions, workers that run rounds, and an informer that
/// feeds the queue from the store's changes and a periodic resync. Run `services` under a
/// `ServiceGroup`; create executions with `create(_:)`.
public final class Engine: Sendable {
  public struct Configuration: Sendable {
    /// Rounds that may run at once (each is a cheap task).
    public var workers: Int
    /// How often every active execution gets a round even without a change.
    public var resyncInterval: Duration
    /// Resync only the executions this engine created, was asked to wake up or launched as
    /// children, not every active one in the store: for engines that share a store without
    /// dividing it (several `vane run` processes on one data directory).
    public var resyncsOwnedExecutionsOnly: Bool
    /// Rounds of one execution that may fail in a row (with back-off between them) before the
    /// execution is failed with `RoundFailuresExceeded`: a poison execution never occupies the
    /// engine forever. 10 failures span about 5 s of back-off.
    public var maxRoundFailures: Int

    public init(
      workers: Int = 16, resyncInterval: Duration = .seconds(10), resyncsOwnedExecutionsOnly: Bool = false,
      maxRoundFailures: Int = 10
    ) {
      self.workers = workers
      self.resyncInterval = resyncInterval
      self.resyncsOwnedExecutionsOnly = resyncsOwnedExecutionsOnly
      self.maxRoundFailures = maxRoundFailures
    }
  }

  public let store: any ResourceStore
  public let environment: EngineEnvironment
  private let configuration: Configuration
  private let queue: WorkQueue<ResourceKey>
  private let reconciler: ExecutionReconciler
  private let observers = ObserverList()
  private let owned: OwnedExecutions
  /// Which executions this engine runs when it shares its store with other engines (replicas);
  /// nil: every one it is told about.
  public let ownership: (any ExecutionOwnership)?
  /// Starts, reads and aborts executions for nodes and for the admin side.
  public let launcher: any ExecutionLauncher

  /// `ownership`, when given, limits the engine to the executions it names (see
  /// `ExecutionOwnership`): only those are queued, resynced and run.
  public init(
    configuration: Configuration = Configuration(), store: any ResourceStore, environment: EngineEnvironment,
    ownership: (any ExecutionOwnership)? = nil
  ) {
    self.configuration = configuration
    self.store = store
    self.environment = environment
    self.ownership = ownership
    let queue = WorkQueue<ResourceKey>(name: "executions", clock: environment.clock)
    self.queue = queue
    let owned = OwnedExecutions()
    self.owned = owned
    let wakeUp = Self.wakeUp(queue: queue, owned: owned, ownership: ownership)
    self.launcher = StoreExecutionLauncher(store: store, clock: environment.clock, wakeUp: wakeUp)
    self.reconciler = ExecutionReconciler(
      store: store, environment: environment, observers: observers, launcher: launcher,
      maxRoundFailures: configuration.maxRoundFailures, ownership: ownership, wakeUp: wakeUp)
  }

  /// The one way anything asks for a round of an execution: it is queued now (at most once,
  /// however often it is woken) and counted as this engine's own — or, when another engine
  /// owns it, that engine is asked.
  private static func wakeUp(
    queue: WorkQueue<ResourceKey>, owned: OwnedExecutions, ownership: (any ExecutionOwnership)?
  ) -> @Sendable (ResourceKey) -> Void {
    { key in
      if let ownership, !ownership.owns(key) { return ownership.wakeOwner(of: key) }
      owned.insert(key)
      queue.add(key)
    }
  }

  /// The engine's long-running loops, to run under one `ServiceGroup`.
  public var services: [any Service] {
    let workers = WorkerPool(
      queue: queue, reconciler: reconciler, configuration: .init(workers: configuration.workers),
      clock: environment.clock, logger: environment.logger)
    let ownership = self.ownership
    let informer = Informer(
      queue: queue, changes: store.watch().map(\.key).filter { key in ownership?.owns(key) ?? true },
      listActive: listActive, configuration: .init(resyncInterval: configuration.resyncInterval),
      clock: environment.clock, logger: environment.logger)
    return [workers, informer]
  }

  /// The active executions this engine runs: every one in the store, or only its own (see
  /// `Configuration.resyncsOwnedExecutionsOnly`), or those its `ownership` names.
  private var listActive: @Sendable () async throws -> [ResourceKey] {
    { [store, owned, configuration, ownership] in
      let keys = try await store.activeKeys()
      if let ownership { return keys.filter(ownership.owns) }
      return configuration.resyncsOwnedExecutionsOnly ? keys.filter(owned.contains) : keys
    }
  }

  /// Queues a round of every active execution this engine runs now: for a replica that was
  /// just given more executions (shards taken over), so they do not wait for the next resync.
  /// Returns how many were queued.
  @discardableResult
  public func resync() async throws(EngineError) -> Int {
    do {
      let keys = try await listActive()
      for key in keys { queue.add(key) }
      return keys.count
    } catch {
      throw EngineError(.storage, "cannot list the active executions: \(error)", at: "resync", cause: error)
    }
  }

  /// Drops what the engine keeps between rounds (specs, statuses) of executions its
  /// ownership no longer names: call when shards moved away, whose executions it will not run
  /// again unless they come back (and then it reads them afresh).
  public func forgetUnowned() {
    reconciler.forgetUnowned()
  }

  /// The executions the engine keeps specs or statuses of between rounds (for tests).
  var keptExecutions: Set<ResourceKey> { reconciler.kept }

  /// Receives the events of every round after its status was written.
  public func observe(_ observer: any EngineObserver) {
    observers.add(observer)
  }

  /// Stores a new execution (phase Ready) and queues its first round.
  public func create(
    _ spec: Vane_ExecutionSpec, labels: [String: String] = [:]
  ) async throws(EngineError) -> ResourceKey {
    let key = ResourceKey(execution: spec.id)
    if !spec.config.rawOutputPrefix.isEmpty {
      do {
        _ = try RawOutputPrefix.validated(spec.config.rawOutputPrefix)
      } catch {
        throw EngineError(.invalidExecution, error.message, at: "\(key)")
      }
    }
    do {
      var status = Vane_ExecutionStatus()
      status.phase = WorkflowPhase.ready.rawValue
      status.updatedAt = environment.clock.now.timestamp
      // The first round needs the spec's plan (21 ms for 10,000 nodes): built on another core
      // while the spec is stored, when this engine will run the execution.
      let planning = (ownership?.owns(key) ?? true) ? Task { ExecutionPlan(spec.closure) } : nil
      _ = try await store.create(
        key, spec: try spec.serializedBytes(), status: try status.serializedBytes(), labels: labels)
      if let planning { reconciler.remember(spec, plan: await planning.value, of: key) }
    } catch let error as StoreError where error.code == .alreadyExists {
      throw EngineError(.invalidExecution, "an execution named \(key) already exists", at: "\(key)")
    } catch {
      throw EngineError(.storage, "cannot store execution \(key): \(error)", at: "\(key)", cause: error)
    }
    wakeUp(key)
    return key
  }

  /// Wakes an existing execution up (e.g. one resumed after a restart, or one whose signal
  /// was set): queues a round for it and counts it as this engine's own.
  public func wakeUp(_ key: ResourceKey) {
    Self.wakeUp(queue: queue, owned: owned, ownership: ownership)(key)
  }

  /// Asks for the execution to be aborted; the next round stops its nodes.
  public func abort(_ key: ResourceKey, reason: String) async throws(EngineError) {
    do {
      _ = try await store.requestAbort(key, reason: reason)
    } catch {
      throw EngineError(.storage, "cannot abort \(key): \(error)", at: "\(key)", cause: error)
    }
    wakeUp(key)
  }

  /// The current status of an execution, or nil when there is none.
  public func status(of key: ResourceKey) async throws(EngineError) -> Vane_ExecutionStatus? {
    do {
      guard let stored = try await store.getStatus(key) else { return nil }
      return try stored.executionStatus()
    } catch {
      throw EngineError(.storage, "cannot read execution \(key): \(error)", at: "\(key)", cause: error)
    }
  }

  /// The spec of an execution, or nil when there is none.
  public func spec(of key: ResourceKey) async throws(EngineError) -> Vane_ExecutionSpec? {
    do {
      guard let stored = try await store.get(key) else { return nil }
      return try Vane_ExecutionSpec(serializedBytes: stored.spec)
    } catch {
      throw EngineError(.storage, "cannot read execution \(key): \(error)", at: "\(key)", cause: error)
    }
  }
}
