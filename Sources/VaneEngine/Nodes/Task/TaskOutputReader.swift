import FlyteIDL
import VaneData
import VaneModel

/// Reads what a finished attempt left under its output prefix and judges it.
enum TaskOutputReader {
  static func read(_ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, round: RoundContext) async -> HandlerVerdict {
    await read(paths: visit.paths(round.layout), attempt: visit.attempt, task: task, round: round, checkContents: true)
  }

  /// Judges the attempt whose output directory is `paths.outputDirectory`: `error.pb` first, then
  /// `futures.pb`, then `outputs.pb`. With `checkContents` false (array items, whose outputs are
  /// read once when the array gathers them) `outputs.pb` is only checked to exist.
  static func read(
    paths: NodeDataPaths, attempt: UInt32, task: Flyteidl_Core_TaskTemplate, round: RoundContext, checkContents: Bool
  ) async -> HandlerVerdict {
    let store = round.dataStore
    do {
      if try await store.exists(paths.error) {
        return verdict(for: try await store.readMessage(Flyteidl_Core_ErrorDocument.self, from: paths.error).error)
      }
      if checkContents, try await store.exists(paths.futures) {
        // The attempt succeeded with a dynamic subgraph: `DynamicNodeHandler` compiles and runs it.
        return .success(outputs: nil)
      }
      guard try await store.exists(paths.outputs) else {
        if task.interface.outputs.variables.isEmpty { return .success(outputs: nil) }
        return .retryableFailure(
          .outputsNotFound, "task \(task.id.name) finished without writing \(paths.outputs) (attempt \(attempt))")
      }
      guard checkContents else { return .success(outputs: paths.outputs) }
      let outputs = try await round.literalMap(at: paths.outputs)
      return missingOutputs(outputs, task: task) ?? .success(outputs: paths.outputs)
    } catch let error where error.code == .tooLarge || error.code == .unsafeFile {
      // What the task wrote is its own doing: a 2 TB outputs.pb or a link to /etc/passwd is
      // refused unread, and counts against the task's retries like any user error.
      return .retryableFailure(
        .outputsNotFound, "task \(task.id.name) left a file the engine does not read: \(error)", kind: .user)
    } catch let error where error.code == .corrupt {
      return .retryableFailure(.outputsNotFound, "task \(task.id.name) left an unreadable file: \(error)")
    } catch {
      // A store that is down or overloaded is not the task's fault: the attempt is judged once
      // it is back instead of running the task again.
      return .afterReadFailure(error) {
        .retryableFailure(.storageError, "cannot read what task \(task.id.name) left: \(error)")
      }
    }
  }

  /// Judges outputs a plugin handed back in memory and stores them as the attempt's
  /// `outputs.pb`.
  static func store(
    _ outputs: Flyteidl_Core_LiteralMap, of visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, round: RoundContext
  ) async -> HandlerVerdict {
    if let missing = missingOutputs(outputs, task: task) { return missing }
    let paths = visit.paths(round.layout)
    do {
      try await round.write(outputs, to: paths.outputs)
      return .success(outputs: paths.outputs)
    } catch {
      return .retryableFailure(.writeOutputsFailed, "\(error)")
    }
  }

  /// The user error of outputs that lack some of the task's output variables, or nil.
  static func missingOutputs(_ outputs: Flyteidl_Core_LiteralMap, task: Flyteidl_Core_TaskTemplate) -> HandlerVerdict? {
    let missing = task.interface.outputs.variables.keys.filter { outputs.literals[$0] == nil }.sorted()
    guard !missing.isEmpty else { return nil }
    return .failure(
      .outputsNotFound, "task \(task.id.name) finished without its outputs \(missing.joined(separator: ", "))",
      kind: .user)
  }

  /// flytekit's error document: recoverable errors are retried, others are final.
  private static func verdict(for error: Flyteidl_Core_ContainerError) -> HandlerVerdict {
    let kind: Flyteidl_Core_ExecutionError.ErrorKind = error.origin == .system ? .system : .user
    let executionError = Flyteidl_Core_ExecutionError.make(code: error.code, message: error.message, kind: kind)
    return error.kind == .recoverable ? .retryableFailure(executionError) : .failure(executionError)
  }
}
