import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneModel
import VaneStore

/// A poison execution: one whose rounds keep failing (a spec the engine cannot decode, node
/// data it cannot write). After `maxRoundFailures` failed rounds in a row it is failed here,
/// without a round — nothing of its spec or plan is needed, since reading them may be what
/// fails — with the error `RoundFailuresExceeded` naming the last failure.
extension ExecutionReconciler {
  func fail(_ key: ResourceKey, afterFailedRounds count: Int, lastError: any Error) async throws {
    guard let stored = try await store.getStatus(key), !stored.metadata.isTerminal else { return }
    let message =
      "the engine failed \(count) rounds of this execution in a row and gave up; "
      + "the last failure: \(lastError)"
    try await fail(key, stored: stored, code: .roundFailuresExceeded, message: message)
  }

  /// Writes `stored` back as Failed with a system error `code` and its workflow event, in one
  /// compare-and-swap on the version read: the status of the last committed round, so nothing
  /// of a round that could not be written is kept. Only the head changes; node records stay.
  func fail(_ key: ResourceKey, stored: StoredStatus, code: NodeErrorCode, message: String) async throws {
    var status = (try? Vane_ExecutionStatus(serializedBytes: stored.status)) ?? Vane_ExecutionStatus()
    let now = environment.clock.now
    status.error = .make(code, message: message, kind: .system)
    status.phase = WorkflowPhase.failed.rawValue
    status.message = message
    status.stoppedAt = now.timestamp
    status.updatedAt = now.timestamp
    status.rounds += 1

    var event = Flyteidl_Event_WorkflowExecutionEvent()
    event.executionID = await executionID(of: key)
    event.producerID = environment.producerID
    event.phase = EventPhases.workflow(.failed)
    event.occurredAt = now.timestamp
    event.error = status.error
    let recorded = EngineEvent(
      key: key, message: .workflow(event), nodeID: nil, nodeName: key.name,
      phaseName: WorkflowPhase.failed.description, detail: message, occurredAt: now.date)
    _ = try await store.update(
      key, expectedVersion: stored.metadata.version,
      status: StatusWrite(head: try status.serializedBytes(), replacesRecords: false), terminal: true,
      appending: [try recorded.stored()])
    observers.notify([recorded])
  }

  /// The execution's id from its spec (with its org) when the spec can be read, else from the key.
  private func executionID(of key: ResourceKey) async -> Flyteidl_Core_WorkflowExecutionIdentifier {
    if let prepared = try? await prepared(key) { return prepared.spec.id }
    var id = Flyteidl_Core_WorkflowExecutionIdentifier()
    id.project = key.project
    id.domain = key.domain
    id.name = key.name
    return id
  }
}
