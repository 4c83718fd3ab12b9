import FlyteIDL
import VaneData
import VaneModel

extension ArrayNodeHandler {
  /// What every visit needs: the array spec, the inner task and its plugin, the split inputs.
  struct Setup {
    let array: Flyteidl_Core_ArrayNode
    let task: Flyteidl_Core_TaskTemplate
    let plugin: any TaskPlugin
    let inputs: ArrayInputs
  }

  enum SetupResult {
    case success(Setup)
    case failure(HandlerVerdict)
  }

  func setup(_ visit: NodeVisit, round: RoundContext) async -> SetupResult {
    guard case .arrayNode(let array)? = visit.node.target else {
      return .failure(.failure(.badSpecificationError, "node \(visit.node.id) is not an array node"))
    }
    let task: Flyteidl_Core_TaskTemplate
    let plugin: any TaskPlugin
    switch runner(of: array, visit: visit, round: round) {
    case .success(let found, let runsIt): (task, plugin) = (found, runsIt)
    case .failure(let verdict): return .failure(verdict)
    }
    let inputs: Flyteidl_Core_LiteralMap
    do {
      inputs = try await round.literalMap(at: visit.paths(round.layout).inputs, retain: true)
    } catch {
      return .failure(
        .afterReadFailure(error) {
          .retryableFailure(.inputsNotFoundError, "array node \(visit.node.id): \(error)")
        })
    }
    let loaded: Flyteidl_Core_LiteralMap
    switch await ArrayInputs.loadingOffloaded(inputs, of: array, round: round) {
    case .success(let value): loaded = value
    case .failure(let failure):
      return .failure(
        failure.error.code == NodeErrorCode.storageError.rawValue
          ? .retryableFailure(failure.error) : .failure(failure.error))
    }
    switch ArrayInputs.split(loaded, of: array) {
    case .success(let split):
      return .success(Setup(array: array, task: task, plugin: plugin, inputs: split))
    case .failure(let failure):
      return .failure(.failure(failure.error))
    }
  }

  /// The inner node's task and the plugin that runs its items: the task's plugin for a map
  /// task; for a mapped launch plan, a template standing for it and `LaunchPlanItemPlugin`
  /// (each item a child execution).
  private func runner(
    of array: Flyteidl_Core_ArrayNode, visit: NodeVisit, round: RoundContext
  ) -> RunnerResult {
    switch array.node.target {
    case .taskNode?:
      guard let task = visit.scope.plan.task(for: array.node) else {
        return .failure(
          .failure(.badSpecificationError, "the task of array node \(visit.node.id) is not in the compiled workflow"))
      }
      switch plugins.plugin(for: task) {
      case .success(let plugin): return .success(task, plugin)
      case .failure(let error): return .failure(.failure(.unsupportedTaskType, error.message))
      }
    case .workflowNode(let workflow)?:
      guard case .launchplanRef(let id)? = workflow.reference, let launcher else { break }
      guard let plan = round.spec.launchPlans.first(where: { EntityKey($0.id) == EntityKey(id) }) else {
        return .failure(
          .failure(
            .runtimeExecutionError,
            "launch plan \(EntityKey(id)) mapped by array node \(visit.node.id) is not in the execution's launch "
              + "plans; run the workflow from a package that contains it", kind: .user))
      }
      let plugin = LaunchPlanItemPlugin(
        launcher: launcher, plan: plan, parent: ChildExecutionParent(round: round, nodeUniqueID: visit.uniqueID),
        dataStore: round.dataStore)
      return .success(LaunchPlanItemPlugin.task(for: plan), plugin)
    default:
      break
    }
    // flytekit 1.16 maps tasks and launch plans only; Flyte's array node also takes other nodes.
    return .failure(
      .failure(
        .notYetImplementedError,
        "array node \(visit.node.id) maps over something other than a task or a launch plan; Vane maps tasks "
          + "and launch plans", kind: .user))
  }

  /// The inner node's task and plugin, or why the node cannot run.
  enum RunnerResult {
    case success(Flyteidl_Core_TaskTemplate, any TaskPlugin)
    case failure(HandlerVerdict)
  }
}
