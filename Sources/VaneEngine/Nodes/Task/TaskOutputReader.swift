import FlyteIDL
import VaneData
import VaneModel

/// Reads what a finished attempt left under its output prefix and judges it.
enum TaskOutputReader {
  static func read(_ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, round: RoundContext) async -> HandlerVerdict {
    let paths = visit.paths(round.layout)
    let store = round.dataStore
    do {
      if try await store.exists(paths.error) {
        return verdict(for: try await store.readMessage(Flyteidl_Core_ErrorDocument.self, from: paths.error).error)
      }
      if try await store.exists(paths.futures) {
        return .failure(
          code: "DynamicNotSupported", "task \(task.id.name) returned a dynamic subgraph (futures.pb); "
            + "dynamic tasks are not supported by this version of Vane")
      }
      guard try await store.exists(paths.outputs) else {
        if task.interface.outputs.variables.isEmpty { return .success(outputs: nil) }
        return .retryableFailure(
          .make(
            code: "OutputsNotFound",
            message: "task \(task.id.name) finished without writing \(paths.outputs) (attempt \(visit.attempt))",
            kind: .system))
      }
      let outputs = try await round.literalMap(at: paths.outputs)
      let missing = task.interface.outputs.variables.keys.filter { outputs.literals[$0] == nil }.sorted()
      guard missing.isEmpty else {
        return .failure(
          code: "OutputsMissing", "task \(task.id.name) wrote outputs.pb without \(missing.joined(separator: ", "))",
          kind: .user)
      }
      return .success(outputs: paths.outputs)
    } catch let error where error.code == .corrupt {
      return .retryableFailure(
        .make(code: "CorruptOutputs", message: "task \(task.id.name) left an unreadable file: \(error)", kind: .system))
    } catch {
      return .retryableFailure(.make(code: "OutputsUnreadable", message: "\(error)", kind: .system))
    }
  }

  /// flytekit's error document: recoverable errors are retried, others are final.
  private static func verdict(for error: Flyteidl_Core_ContainerError) -> HandlerVerdict {
    let kind: Flyteidl_Core_ExecutionError.ErrorKind = error.origin == .system ? .system : .user
    let executionError = Flyteidl_Core_ExecutionError.make(code: error.code, message: error.message, kind: kind)
    return error.kind == .recoverable ? .retryableFailure(executionError) : .failure(executionError)
  }
}
