import FlyteIDL
import Foundation
import VaneData
import VaneModel

/// The workflow's failure node (flytekit's `on_failure=`, compiled as `template.failure_node`):
///
///     failing ─▶ handlingFailureNode ─▶ failed     (the original error; or the failure
///                 (runs the node)                    node's own error if it failed too)
///
/// The node runs once the primary nodes are done (stopped or finished), with the workflow's
/// inputs as its `start-node`. As in FlytePropeller, an input named `err` is replaced by the
/// original error: a union literal holding a `core.Error` (message and `failed_node_id`, which
/// Flyte and flytekit fill with the failure node's own id) tagged `FlyteError`. Its status is
/// kept in `status.nodes` under its id, next to the primary nodes.
extension WorkflowExecutor {
  /// The failure node of the primary workflow, if it has one.
  static func failureNode(of round: RoundContext) -> Flyteidl_Core_Node? {
    let template = round.plan.primary.template
    guard template.hasFailureNode, !template.failureNode.id.isEmpty, template.failureNode.target != nil else {
      return nil
    }
    return template.failureNode
  }

  /// Advances the failure node by one step after the workflow failed with `status.error`.
  /// Returns `.handlingFailureNode` while it runs and `.failed` once it ended; then
  /// `status.error` is the error the workflow ends with.
  func handleFailureNode(
    _ status: inout Vane_ExecutionStatus, scope: NodeScope, round: RoundContext
  ) async
    -> WorkflowPhase
  {
    guard var node = Self.failureNode(of: round) else { return .failed }
    let original = status.error
    node.inputs = node.inputs.map { Self.errorBound($0, original: original, failureNodeID: node.id) }
    let resolver = ScopeState(status.nodes).resolver(for: scope, round: round)
    var nodeStatus = status.nodes[node.id] ?? Vane_NodeStatus()
    let phase = await nodes.advance(node, scope: scope, resolver: resolver, status: &nodeStatus, round: round)
    status.nodes[node.id] = nodeStatus
    switch phase {
    case .succeeded, .recovered, .skipped:
      status.error = original
      return .failed
    case .failed, .timedOut, .aborted:
      var error = nodeStatus.error
      error.message =
        "the failure node \(node.id) failed: \(error.message) (after the workflow failed with: \(original.message))"
      status.error = error
      return .failed
    default:
      return .handlingFailureNode
    }
  }

  /// Stops the failure node if it runs (on an abort request).
  func abortFailureNode(
    _ status: inout Vane_ExecutionStatus, scope: NodeScope, reason: String, round: RoundContext
  ) async {
    guard let node = Self.failureNode(of: round), var nodeStatus = status.nodes[node.id] else { return }
    await nodes.abortNode(node, scope: scope, status: &nodeStatus, reason: reason, round: round)
    status.nodes[node.id] = nodeStatus
  }

  /// The binding of input `err` replaced by the error literal; other bindings unchanged.
  static func errorBound(
    _ binding: Flyteidl_Core_Binding, original: Flyteidl_Core_ExecutionError, failureNodeID: String
  ) -> Flyteidl_Core_Binding {
    guard binding.var == "err" else { return binding }
    var bound = binding
    bound.binding.scalar = errorScalar(message: original.message, failedNodeID: failureNodeID)
    return bound
  }

  /// `Optional[FlyteError]` as flytekit reads it: a union whose value is an error scalar.
  static func errorScalar(message: String, failedNodeID: String) -> Flyteidl_Core_Scalar {
    var error = Flyteidl_Core_Error()
    error.message = message
    error.failedNodeID = failedNodeID
    var value = Flyteidl_Core_Literal()
    value.scalar.error = error
    var union = Flyteidl_Core_Union()
    union.value = value
    union.type.simple = .error
    union.type.structure.tag = "FlyteError"
    var scalar = Flyteidl_Core_Scalar()
    scalar.union = union
    return scalar
  }
}

extension WorkflowExecutor {
  /// Ends a failing workflow: straight to failed, or through the failure node when there is one.
  func finishFailing(
    _ status: inout Vane_ExecutionStatus, from phase: WorkflowPhase, scope: NodeScope, round: RoundContext
  ) async {
    guard Self.failureNode(of: round) != nil else {
      transition(&status, to: .failed, round: round)
      return
    }
    if phase == .failing { transition(&status, to: .handlingFailureNode, round: round) }
    if await handleFailureNode(&status, scope: scope, round: round) == .failed {
      transition(&status, to: .failed, round: round)
    }
  }
}
