import FlyteIDL
import Logging
import VaneData
import VaneModel
import VaneStore

/// Runs a launch-plan node: starts the launch plan as a child execution (its own execution
/// resource, linked to this node), then waits for it and takes its outputs.
///
///     no child ─▶ launch (idempotent: a deterministic name) ─▶ child recorded, running
///     child running ─────────────────────────────────────────▶ running (its end wakes us)
///     child succeeded ─▶ its outputs copied to the node's outputs.pb ─▶ success
///     child failed / aborted ─────────────────────────────────▶ failure with its error
///
/// Aborting the node (or the parent execution) aborts the child.
struct LaunchPlanNodeHandler: NodeHandler {
  /// Starts, reads and aborts child executions.
  let launcher: any ExecutionLauncher

  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    guard case .workflowNode(let workflow)? = visit.node.target, case .launchplanRef(let id)? = workflow.reference
    else {
      return .failure(.badSpecificationError, "node \(visit.node.id) does not reference a launch plan")
    }
    if !visit.status.childExecution.isEmpty {
      let name = visit.status.childExecution
      do {
        if let child = try await launcher.status(of: Self.childKey(name, round: round)) {
          return await verdict(for: child, named: name, visit: visit, round: round)
        }
      } catch {
        return .running("cannot read child execution \(name): \(error)", wakeUpAfter: .seconds(1))
      }
      // Recorded but not stored (a store that lost it): launching again is safe.
    }
    guard let plan = round.spec.launchPlans.first(where: { EntityKey($0.id) == EntityKey(id) }) else {
      return .failure(
        .runtimeExecutionError,
        "launch plan \(EntityKey(id)) of node \(visit.node.id) is not in the execution's launch plans; "
          + "run the workflow from a package that contains it", kind: .user)
    }
    let spec: Vane_ExecutionSpec
    do {
      spec = try await ChildExecutionSpec.make(plan, visit: visit, round: round)
    } catch {
      return .retryableFailure(.inputsNotFoundError, "\(error)")
    }
    do {
      try await launcher.launch(spec)
    } catch {
      return .retryableFailure(.runtimeExecutionError, "cannot start child execution \(spec.id.name): \(error)")
    }
    visit.status.childExecution = spec.id.name
    return .running("started child execution \(spec.id.name)")
  }

  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async {
    guard !visit.status.childExecution.isEmpty else { return }
    let key = Self.childKey(visit.status.childExecution, round: round)
    if let child = try? await launcher.status(of: key), WorkflowPhase(stored: child.phase).isTerminal { return }
    do {
      try await launcher.abort(key, reason: "parent node \(visit.uniqueID) aborted: \(reason)")
    } catch {
      round.logger.error("cannot abort child execution", metadata: ["child": "\(key)", "error": "\(error)"])
    }
  }

  private func verdict(
    for child: Vane_ExecutionStatus, named name: String, visit: NodeVisit, round: RoundContext
  ) async -> HandlerVerdict {
    let phase = WorkflowPhase(stored: child.phase)
    switch phase {
    case .success:
      guard !child.outputsUri.isEmpty else { return .success(outputs: nil) }
      let uri = visit.paths(round.layout).outputs
      do {
        try await round.write(try await round.literalMap(at: DataURI(child.outputsUri)), to: uri)
      } catch {
        return .retryableFailure(.outputsNotFoundError, "outputs of child execution \(name): \(error)")
      }
      return .success(outputs: uri)
    case .aborted:
      let reason = child.abortReason.isEmpty ? child.message : child.abortReason
      return .failure(
        .remoteChildWorkflowExecutionFailed, "child execution \(name) aborted: \(reason)", kind: .user)
    case .failed:
      var error = child.error
      if error.code.isEmpty { error.code = NodeErrorCode.launchPlanExecutionFailed.rawValue }
      error.message = "child execution \(name) failed: \(error.message)"
      return .failure(error)
    default:
      return .running("child execution \(name) \(phase.description.lowercased())")
    }
  }

  /// The store key of child execution `name` (same project and domain as the parent).
  static func childKey(_ name: String, round: RoundContext) -> ResourceKey {
    ResourceKey(execution: childID(name, round: round))
  }

  /// The execution id of child execution `name`.
  static func childID(_ name: String, round: RoundContext) -> Flyteidl_Core_WorkflowExecutionIdentifier {
    ChildExecutionParent.childID(name, of: round.executionID)
  }
}
