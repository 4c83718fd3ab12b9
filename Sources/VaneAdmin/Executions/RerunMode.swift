public import FlyteIDL
public import SwiftProtobuf
public import VaneModel

/// How an earlier execution runs again under a new name — shared by `vane relaunch` /
/// `vane recover` and the admin API's `RelaunchExecution` / `RecoverExecution`.
public enum RerunMode: Sendable, Hashable {
  /// Run every node again.
  case relaunch
  /// Reuse the outputs of the nodes that succeeded in the earlier execution
  /// (`spec.recover_from`).
  case recover

  /// The earlier spec — compiled workflow, inputs, launch plans, config, code archive — under
  /// a new id and data directory, as a top-level execution of its own (no parent node).
  public func spec(
    from old: Vane_ExecutionSpec, id: Flyteidl_Core_WorkflowExecutionIdentifier, dataDir: String,
    createdAt: Google_Protobuf_Timestamp
  ) -> Vane_ExecutionSpec {
    var spec = old
    spec.id = id
    spec.dataDir = dataDir
    spec.createdAt = createdAt
    spec.clearParentNode()
    switch self {
    case .recover: spec.recoverFrom = old.id
    case .relaunch: spec.clearRecoverFrom()
    }
    return spec
  }
}
