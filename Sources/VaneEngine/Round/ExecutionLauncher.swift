public import FlyteIDL
import SwiftProtobuf
public import VaneModel
public import VaneStore

/// What a node may do with other executions: start a child execution (launch-plan nodes),
/// read its status, abort it. Starting is idempotent: a child that exists already is kept.
public protocol ExecutionLauncher: Sendable {
  func launch(_ spec: Vane_ExecutionSpec) async throws(EngineError)
  func status(of key: ResourceKey) async throws(EngineError) -> Vane_ExecutionStatus?
  func abort(_ key: ResourceKey, reason: String) async throws(EngineError)
}

/// The launcher over the engine's own store; what it launches or aborts it wakes up.
struct StoreExecutionLauncher: ExecutionLauncher {
  let store: any ResourceStore
  let clock: any WallClock
  /// Gives an execution a round (and counts it as the engine's own).
  let wakeUp: @Sendable (ResourceKey) -> Void

  func launch(_ spec: Vane_ExecutionSpec) async throws(EngineError) {
    let key = ResourceKey(execution: spec.id)
    do {
      var status = Vane_ExecutionStatus()
      status.phase = WorkflowPhase.ready.rawValue
      status.updatedAt = clock.now.timestamp
      _ = try await store.create(
        key, spec: try spec.serializedBytes(), status: try status.serializedBytes(), labels: [:])
    } catch let error as StoreError where error.code == .alreadyExists {
      // Launched by an earlier round whose status write did not land: keep it.
    } catch {
      throw EngineError(.storage, "cannot store execution \(key): \(error)", at: "\(key)", cause: error)
    }
    wakeUp(key)
  }

  func status(of key: ResourceKey) async throws(EngineError) -> Vane_ExecutionStatus? {
    do {
      guard let stored = try await store.getStatus(key) else { return nil }
      return try stored.executionStatus()
    } catch {
      throw EngineError(.storage, "cannot read execution \(key): \(error)", at: "\(key)", cause: error)
    }
  }

  func abort(_ key: ResourceKey, reason: String) async throws(EngineError) {
    do {
      _ = try await store.requestAbort(key, reason: reason)
    } catch  where error.code == .notFound {
      return
    } catch {
      throw EngineError(.storage, "cannot abort \(key): \(error)", at: "\(key)", cause: error)
    }
    wakeUp(key)
  }
}

extension ResourceKey {
  /// The store key of an execution.
  public init(execution id: Flyteidl_Core_WorkflowExecutionIdentifier) {
    self.init(project: id.project, domain: id.domain, name: id.name)
  }
}
