public import FlyteIDL
public import Foundation
public import Logging
public import ServiceLifecycle
import SwiftProtobuf
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
    /// Resync only the executions this engine created, was poked for or launched as
    /// children, not every active one in the store: for engines that share a store without
    /// dividing it (several `vane run` processes on one data directory).
    public var resyncsOwnedExecutionsOnly: Bool

    public init(workers: Int = 16, resyncInterval: Duration = .seconds(10), resyncsOwnedExecutionsOnly: Bool = false) {
      self.workers = workers
      self.resyncInterval = resyncInterval
      self.resyncsOwnedExecutionsOnly = resyncsOwnedExecutionsOnly
    }
  }

  public let store: any ResourceStore
  public let environment: EngineEnvironment
  private let configuration: Configuration
  private let queue: WorkQueue<ResourceKey>
  private let reconciler: ExecutionReconciler
  private let observers = ObserverList()
  private let owned: OwnedExecutions
  /// Starts, reads and aborts executions for nodes and for the admin side.
  public let launcher: any ExecutionLauncher

  public init(configuration: Configuration = Configuration(), store: any ResourceStore, environment: EngineEnvironment)
  {
    self.configuration = configuration
    self.store = store
    self.environment = environment
    let queue = WorkQueue<ResourceKey>(name: "executions")
    self.queue = queue
    let owned = OwnedExecutions()
    self.owned = owned
    self.launcher = StoreExecutionLauncher(
      store: store, queue: queue, now: environment.now, claim: { owned.insert($0) })
    self.reconciler = ExecutionReconciler(
      store: store, environment: environment, observers: observers, launcher: launcher, wakeUp: { queue.add($0) })
  }

  /// The engine's long-running loops, to run under one `ServiceGroup`.
  public var services: [any Service] {
    let store = self.store
    let workers = WorkerPool(
      queue: queue, reconciler: reconciler, configuration: .init(workers: configuration.workers),
      logger: environment.logger)
    let informer = Informer(
      queue: queue, changes: store.watch().map(\.key),
      listActive: { [owned, configuration] in
        let keys = try await store.activeKeys()
        return configuration.resyncsOwnedExecutionsOnly ? keys.filter(owned.contains) : keys
      },
      configuration: .init(resyncInterval: configuration.resyncInterval), logger: environment.logger)
    return [workers, informer]
  }

  /// Receives the events of every round after its status was written.
  public func observe(_ observer: any EngineObserver) {
    observers.add(observer)
  }

  /// Stores a new execution (phase Ready) and queues its first round.
  public func create(
    _ spec: Vane_ExecutionSpec, labels: [String: String] = [:]
  ) async throws(EngineError) -> ResourceKey {
    let key = ResourceKey(project: spec.id.project, domain: spec.id.domain, name: spec.id.name)
    do {
      var status = Vane_ExecutionStatus()
      status.phase = WorkflowPhase.ready.rawValue
      status.updatedAt = Google_Protobuf_Timestamp(date: environment.now())
      _ = try await store.create(
        key, spec: try spec.serializedBytes(), status: try status.serializedBytes(), labels: labels)
    } catch let error as StoreError where error.code == .alreadyExists {
      throw EngineError(.invalidExecution, "an execution named \(key) already exists", at: "\(key)")
    } catch {
      throw EngineError(.storage, "cannot store execution \(key): \(error)", at: "\(key)")
    }
    owned.insert(key)
    queue.add(key)
    return key
  }

  /// Queues a round for an existing execution (e.g. one resumed after a restart).
  public func poke(_ key: ResourceKey) {
    owned.insert(key)
    queue.add(key)
  }

  /// Asks for the execution to be aborted; the next round stops its nodes.
  public func abort(_ key: ResourceKey, reason: String) async throws(EngineError) {
    do {
      _ = try await store.requestAbort(key, reason: reason)
    } catch {
      throw EngineError(.storage, "cannot abort \(key): \(error)", at: "\(key)")
    }
    queue.add(key)
  }

  /// The current status of an execution, or nil when there is none.
  public func status(of key: ResourceKey) async throws(EngineError) -> Vane_ExecutionStatus? {
    do {
      guard let stored = try await store.getStatus(key) else { return nil }
      return try Vane_ExecutionStatus(serializedBytes: stored.status)
    } catch {
      throw EngineError(.storage, "cannot read execution \(key): \(error)", at: "\(key)")
    }
  }

  /// The spec of an execution, or nil when there is none.
  public func spec(of key: ResourceKey) async throws(EngineError) -> Vane_ExecutionSpec? {
    do {
      guard let stored = try await store.get(key) else { return nil }
      return try Vane_ExecutionSpec(serializedBytes: stored.spec)
    } catch {
      throw EngineError(.storage, "cannot read execution \(key): \(error)", at: "\(key)")
    }
  }
}
