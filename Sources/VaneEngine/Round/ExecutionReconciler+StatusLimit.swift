import Foundation
import Logging
import VaneModel
import VaneStore

/// A status the store cannot hold. Flyte keeps a workflow's status in one etcd object and,
/// near 50,000 nodes, retries a write over etcd's limit forever: the execution is stuck. Here
/// a round that would make the stored status (head and node records) larger than
/// `RoundLimits.statusBytes` writes nothing of itself; the execution is failed from the last
/// status committed, with the system error `StatusTooLarge` naming both sizes.
///
/// What the round did is dropped with it: nodes it started are not recorded (a task process it
/// spawned runs to its end unobserved, as after any failed round), and its events are not
/// reported, since they describe transitions that were never stored.
extension ExecutionReconciler {
  func fail(_ key: ResourceKey, statusOf size: Int) async throws {
    guard let stored = try await store.getStatus(key), !stored.metadata.isTerminal else { return }
    let limit = environment.roundLimits.statusBytes
    let message =
      "the execution's status grew to \(size) bytes, over the \(limit) bytes the engine writes "
      + "(vane serve: engine.max_status_size); a graph this large cannot run in one execution here: "
      + "split it (map tasks keep items small) or raise the limit"
    environment.logger.error(
      "status over the limit: failing the execution",
      metadata: ["execution": "\(key)", "bytes": "\(size)", "limit": "\(limit)"])
    try await fail(key, stored: stored, code: .statusTooLarge, message: message)
  }
}
