import FlyteIDL
import Logging
import VaneData
import VaneModel
import VaneStore

/// Runs the items of an array node that maps a launch plan (flytekit's `map` / `array_node`
/// over a `LaunchPlan`): each attempt of each item is a child execution of the launch plan, as
/// a launch-plan node's is. It stands where a task plugin stands for a map task, so the array
/// machinery — concurrency, retries, `min_successes` / `min_success_ratio`, gathering outputs
/// into lists, item events — is the same for both.
///
///     no child ─▶ launch (idempotent: a name from the item and attempt) ─▶ running
///     child running ──────────────────────────────────────────────────────▶ running (its end wakes us)
///     child succeeded ─▶ its outputs, handed back in memory ───────────────▶ success
///     child failed / aborted ─────────────────────────────────────────────▶ permanent failure
///
/// A child's failure is not retried, as FlytePropeller's launch-plan handler does not retry it:
/// the child ran its own retries.
struct LaunchPlanItemPlugin: TaskPlugin {
  /// The `type` of the task template that stands for the launch plan (`ArrayNodeHandler.setup`).
  static let taskType = "launch-plan-item"

  let launcher: any ExecutionLauncher
  let plan: Vane_LaunchPlanClosure
  let parent: ChildExecutionParent
  /// Where the children's outputs are read from.
  let dataStore: any DataStore

  var id: String { "launch-plan" }
  var taskTypes: Set<String> { [Self.taskType] }

  /// The child execution of the attempt `context` describes: unique per item (its node unique
  /// id carries the array node, its attempt and the item index) and per attempt.
  func childName(_ context: TaskExecutionContext) -> String {
    ChildExecutionSpec.name(
      parent: parent.executionID.name, nodeUniqueID: context.taskExecutionID.nodeExecutionID.nodeID,
      attempt: context.attempt)
  }

  func handle(_ context: TaskExecutionContext) async -> PluginTransition {
    let name = childName(context)
    let child: Vane_ExecutionStatus?
    do {
      child = try await launcher.status(of: ResourceKey(execution: parent.childID(name)))
    } catch {
      return .running(reason: "cannot read child execution \(name): \(error)", wakeUpAfter: .seconds(1))
    }
    guard let child else { return await launch(name, context: context) }
    let phase = WorkflowPhase(stored: child.phase)
    switch phase {
    case .success:
      guard !child.outputsUri.isEmpty else { return .success(outputs: Flyteidl_Core_LiteralMap()) }
      do {
        let outputs = try await dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: DataURI(child.outputsUri))
        return .success(outputs: outputs)
      } catch {
        return .retryableFailure(
          .make(.outputsNotFoundError, message: "outputs of child execution \(name): \(error)", kind: .system))
      }
    case .aborted:
      let reason = child.abortReason.isEmpty ? child.message : child.abortReason
      return .permanentFailure(
        .make(.remoteChildWorkflowExecutionFailed, message: "child execution \(name) aborted: \(reason)", kind: .user))
    case .failed:
      var error = child.error
      if error.code.isEmpty { error.code = NodeErrorCode.launchPlanExecutionFailed.rawValue }
      error.message = "child execution \(name) failed: \(error.message)"
      return .permanentFailure(error)
    default:
      return .running(reason: "child execution \(name) \(phase.description.lowercased())")
    }
  }

  private func launch(_ name: String, context: TaskExecutionContext) async -> PluginTransition {
    guard let inputs = context.itemInputs else {
      return .permanentFailure(
        .make(.badSpecificationError, message: "array item \(context.uniqueID) has no inputs of its own", kind: .system)
      )
    }
    let spec = ChildExecutionSpec.make(plan, name: name, nodeInputs: inputs, parent: parent)
    do {
      try await launcher.launch(spec)
    } catch {
      return .retryableFailure(
        .make(.runtimeExecutionError, message: "cannot start child execution \(name): \(error)", kind: .system))
    }
    return .running(reason: "started child execution \(name)")
  }

  func abort(_ context: TaskExecutionContext, reason: String) async {
    let key = ResourceKey(execution: parent.childID(childName(context)))
    if let child = try? await launcher.status(of: key), WorkflowPhase(stored: child.phase).isTerminal { return }
    do {
      try await launcher.abort(key, reason: "parent node \(parent.nodeUniqueID) aborted: \(reason)")
    } catch {
      context.logger.error("cannot abort child execution", metadata: ["child": "\(key)", "error": "\(error)"])
    }
  }

  /// A child holds nothing of the parent's once it ended.
  func finalize(_ context: TaskExecutionContext) async {}

  /// The task template that stands for `plan` in the array machinery: the launch plan's id and
  /// its workflow's interface (each item's inputs and outputs), no retries or cache of its own.
  static func task(for plan: Vane_LaunchPlanClosure) -> Flyteidl_Core_TaskTemplate {
    var task = Flyteidl_Core_TaskTemplate()
    task.id = plan.id
    task.type = taskType
    task.interface = plan.closure.primary.template.interface
    return task
  }
}
