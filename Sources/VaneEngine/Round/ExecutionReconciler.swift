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

  private let store: any ResourceStore
  private let environment: EngineEnvironment
  private let executor: WorkflowExecutor
  private let observers: ObserverList
  private let wakeUp: @Sendable (ResourceKey) -> Void
  private let launcher: any ExecutionLauncher
  private let specs = Mutex<[ResourceKey: PreparedSpec]>([:])

  struct PreparedSpec: Sendable {
    let spec: Vane_ExecutionSpec
    let plan: ExecutionPlan
    let retained = RetainedLiterals()
  }

  init(
    store: any ResourceStore, environment: EngineEnvironment, observers: ObserverList,
    launcher: any ExecutionLauncher, wakeUp: @escaping @Sendable (ResourceKey) -> Void
  ) {
    self.launcher = launcher
    self.store = store
    self.environment = environment
    self.observers = observers
    self.wakeUp = wakeUp
    self.executor = WorkflowExecutor(
      nodes: NodeExecutor(handlers: NodeHandlerFactory(task: TaskNodeHandler(plugins: environment.plugins))))
  }

  func reconcile(_ key: ResourceKey) async -> ReconcileOutcome {
    do {
      guard let stored = try await store.getStatus(key), !stored.metadata.isTerminal else {
        forget(key)
        return .done
      }
      let prepared = try await prepared(key)
      var status = try Vane_ExecutionStatus(serializedBytes: stored.status)
      let before = status
      let wakeUp = self.wakeUp
      let round = RoundContext(
        key: key, spec: prepared.spec, plan: prepared.plan, environment: environment, launcher: launcher,
        retained: prepared.retained, wakeUp: { wakeUp(key) })
      await executor.round(&status, abortReason: stored.metadata.abortRequest?.reason, round: round)
      let terminal = WorkflowPhase(stored: status.phase).isTerminal
      if status != before || !round.events.isEmpty {
        status.rounds += 1
        status.updatedAt = round.timestamp
        let events = try round.events.map { try $0.stored() }
        try await environment.dataStore.flush()
        _ = try await store.update(
          key, expectedVersion: stored.metadata.version, status: try status.serializedBytes(), terminal: terminal,
          appending: events)
        observers.notify(round.events)
      }
      if terminal {
        forget(key)
        // A child execution's end is news for the launch-plan node waiting on it.
        if prepared.spec.hasParentNode { wakeUp(ResourceKey(execution: prepared.spec.parentNode.executionID)) }
        return .done
      }
      return round.checkAgainAfter.map { .requeue(after: $0) } ?? .done
    } catch let error as StoreError where error.code == .conflict {
      return .requeue(after: .zero)
    } catch {
      environment.logger.error(
        "round failed", metadata: ["execution": "\(key)", "error": "\(error)"])
      return .retry(error)
    }
  }

  private func prepared(_ key: ResourceKey) async throws -> PreparedSpec {
    if let cached = specs.withLock({ $0[key] }) { return cached }
    guard let resource = try await store.get(key) else {
      throw EngineError(.invalidExecution, "execution \(key) disappeared during its round")
    }
    let spec = try Vane_ExecutionSpec(serializedBytes: resource.spec)
    let prepared = PreparedSpec(spec: spec, plan: ExecutionPlan(spec.closure))
    specs.withLock { $0[key] = prepared }
    return prepared
  }

  private func forget(_ key: ResourceKey) {
    _ = specs.withLock { $0.removeValue(forKey: key) }
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
