public import FlyteIDL
public import Foundation
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

/// The launcher over the engine's own store and queue.
struct StoreExecutionLauncher: ExecutionLauncher {
  let store: any ResourceStore
  let queue: WorkQueue<ResourceKey>
  let now: @Sendable () -> Foundation.Date
  /// Told about every execution launched, so the engine counts it as its own.
  var claim: @Sendable (ResourceKey) -> Void = { _ in }

  func launch(_ spec: Vane_ExecutionSpec) async throws(EngineError) {
    let key = ResourceKey(execution: spec.id)
    do {
      var status = Vane_ExecutionStatus()
      status.phase = WorkflowPhase.ready.rawValue
      status.updatedAt = .init(date: now())
      _ = try await store.create(
        key, spec: try spec.serializedBytes(), status: try status.serializedBytes(), labels: [:])
    } catch let error as StoreError where error.code == .alreadyExists {
      // Launched by an earlier round whose status write did not land: keep it.
    } catch {
      throw EngineError(.storage, "cannot store execution \(key): \(error)", at: "\(key)")
    }
    claim(key)
    queue.add(key)
  }

  func status(of key: ResourceKey) async throws(EngineError) -> Vane_ExecutionStatus? {
    do {
      guard let stored = try await store.getStatus(key) else { return nil }
      return try Vane_ExecutionStatus(serializedBytes: stored.status)
    } catch {
      throw EngineError(.storage, "cannot read execution \(key): \(error)", at: "\(key)")
    }
  }

  func abort(_ key: ResourceKey, reason: String) async throws(EngineError) {
    do {
      _ = try await store.requestAbort(key, reason: reason)
    } catch let error as StoreError where error.code == .notFound {
      return
    } catch {
      throw EngineError(.storage, "cannot abort \(key): \(error)", at: "\(key)")
    }
    queue.add(key)
  }
}

extension ResourceKey {
  /// The store key of an execution.
  public init(execution id: Flyteidl_Core_WorkflowExecutionIdentifier) {
    self.init(project: id.project, domain: id.domain, name: id.name)
  }
}
