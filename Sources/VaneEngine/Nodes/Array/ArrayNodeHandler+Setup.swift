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
    guard case .taskNode? = array.node.target else {
      return .failure(
        .failure(
          .notYetImplementedError,
          "array node \(visit.node.id) maps over something other than a task; only map tasks are supported "
            + "by this version of Vane", kind: .user))
    }
    guard let task = visit.scope.plan.task(for: array.node) else {
      return .failure(
        .failure(.badSpecificationError, "the task of array node \(visit.node.id) is not in the compiled workflow"))
    }
    guard let plugin = plugins.plugin(for: task.type) else {
      return .failure(.failure(.unsupportedTaskType, TaskNodeHandler.noPlugin(for: task.type, in: plugins)))
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
}
