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
      return .failure(.failure(code: "BadSpecification", "node \(visit.node.id) is not an array node"))
    }
    guard case .taskNode(let inner)? = array.node.target else {
      return .failure(
        .failure(
          code: "UnsupportedArrayNode",
          "array node \(visit.node.id) maps over something other than a task; only map tasks are supported "
            + "by this version of Vane", kind: .user))
    }
    guard let task = visit.scope.plan.task(inner.referenceID) else {
      return .failure(
        .failure(code: "TaskNotFound", "the task of array node \(visit.node.id) is not in the compiled workflow"))
    }
    guard let plugin = plugins.plugin(for: task.type) else {
      let known = plugins.taskTypes.joined(separator: ", ")
      return .failure(.failure(code: "NoPlugin", "no plugin runs tasks of type '\(task.type)' (known types: \(known))"))
    }
    let inputs: Flyteidl_Core_LiteralMap
    do {
      inputs = try await round.literalMap(at: visit.paths(round.layout).inputs, retain: true)
    } catch {
      return .failure(
        .retryableFailure(
          .make(code: "InputsUnreadable", message: "array node \(visit.node.id): \(error)", kind: .system)))
    }
    switch ArrayInputs.split(inputs, of: array) {
    case .success(let split):
      return .success(Setup(array: array, task: task, plugin: plugin, inputs: split))
    case .failure(let failure):
      return .failure(.failure(failure.error))
    }
  }
}
