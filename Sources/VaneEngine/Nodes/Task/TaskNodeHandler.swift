import FlyteIDL
import Foundation
import VaneData
import VaneModel

/// Runs a task node: hands each attempt to the plugin for the task's type, and when the plugin
/// says the attempt ran to completion, reads what the task left — `error.pb` first (flytekit
/// exits 0 even when user code failed), then `outputs.pb`.
struct TaskNodeHandler: NodeHandler {
  let plugins: PluginRegistry
  /// When attempts stop being interruptible (see `NodeInterruptibility`).
  let interruptibleFailureThreshold: Int32

  init(plugins: PluginRegistry, interruptibleFailureThreshold: Int32 = -1) {
    self.plugins = plugins
    self.interruptibleFailureThreshold = interruptibleFailureThreshold
  }

  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    let task: Flyteidl_Core_TaskTemplate
    let plugin: any TaskPlugin
    switch resolve(visit) {
    case .success(let found): (task, plugin) = found
    case .failure(let verdict): return verdict
    }
    let transition = await plugin.handle(context(visit, task: task, round: round))
    if let state = transition.state {
      visit.status.pluginState = state.data
      visit.status.pluginStateVersion = state.version
    }
    let verdict: HandlerVerdict
    switch transition.phase {
    case .waitingForResources, .queued:
      verdict = .waiting(transition.reason, wakeUpAfter: transition.wakeUpAfter)
    case .running:
      verdict = .running(transition.reason, wakeUpAfter: transition.wakeUpAfter)
    case .success:
      if let outputs = transition.outputs {
        verdict = await TaskOutputReader.store(outputs, of: visit, task: task, round: round)
      } else {
        verdict = await TaskOutputReader.read(visit, task: task, round: round)
      }
    case .retryableFailure(let error):
      verdict = .retryableFailure(error)
    case .permanentFailure(let error):
      verdict = .failure(error)
    }
    TaskEvents.recordAttempt(visit, task: task, plugin: transition, verdict: verdict, round: round)
    visit.status.taskPhase = Int32(TaskEvents.taskPhase(transition.phase, verdict: verdict).rawValue)
    return verdict
  }

  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async {
    guard case .success(let (task, plugin)) = resolve(visit), visit.status.attempts > 0 else { return }
    await plugin.abort(context(visit, task: task, round: round), reason: reason)
  }

  func finalize(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async {
    guard case .success(let (task, plugin)) = resolve(visit), visit.status.attempts > 0 else { return }
    await plugin.finalize(context(visit, task: task, round: round))
  }

  private func context(
    _ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, round: RoundContext
  ) -> TaskExecutionContext {
    TaskContextFactory.make(
      visit, task: task, interruptibleFailureThreshold: interruptibleFailureThreshold, round: round)
  }

  private enum Resolution {
    case success((Flyteidl_Core_TaskTemplate, any TaskPlugin))
    case failure(HandlerVerdict)
  }

  private func resolve(_ visit: NodeVisit) -> Resolution {
    guard let task = visit.scope.plan.task(for: visit.node) else {
      return .failure(
        .failure(.badSpecificationError, "the task of node \(visit.node.id) is not in the compiled workflow"))
    }
    switch plugins.plugin(for: task) {
    case .success(let plugin): return .success((task, plugin))
    case .failure(let error): return .failure(.failure(.unsupportedTaskType, error.message))
    }
  }
}
