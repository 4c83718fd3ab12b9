import FlyteIDL
import Foundation
import VaneData
import VaneModel

/// Runs a task node: hands each attempt to the plugin for the task's type, and when the plugin
/// says the attempt ran to completion, reads what the task left — `error.pb` first (flytekit
/// exits 0 even when user code failed), then `outputs.pb`.
struct TaskNodeHandler: NodeHandler {
  let plugins: PluginRegistry

  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    let task: Flyteidl_Core_TaskTemplate
    let plugin: any TaskPlugin
    switch resolve(visit, round: round) {
    case .success(let found): (task, plugin) = found
    case .failure(let verdict): return verdict
    }
    let context = TaskContextFactory.make(visit, task: task, round: round)
    let transition = await plugin.handle(context)
    if let state = transition.state {
      visit.status.pluginState = state.data
      visit.status.pluginStateVersion = state.version
    }
    let verdict: HandlerVerdict
    switch transition.phase {
    case .waitingForResources, .queued:
      verdict = .waiting(transition.reason, checkAgainAfter: transition.checkAgainAfter)
    case .running:
      verdict = .running(transition.reason, checkAgainAfter: transition.checkAgainAfter)
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
    TaskEvents.record(visit, task: task, plugin: transition, verdict: verdict, round: round)
    visit.status.taskPhase = Int32(TaskEvents.taskPhase(transition.phase, verdict: verdict).rawValue)
    return verdict
  }

  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async {
    guard case .success(let (task, plugin)) = resolve(visit, round: round), visit.status.attempts > 0 else { return }
    await plugin.abort(TaskContextFactory.make(visit, task: task, round: round), reason: reason)
  }

  func finalize(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async {
    guard case .success(let (task, plugin)) = resolve(visit, round: round), visit.status.attempts > 0 else { return }
    await plugin.finalize(TaskContextFactory.make(visit, task: task, round: round))
  }

  private enum Resolution {
    case success((Flyteidl_Core_TaskTemplate, any TaskPlugin))
    case failure(HandlerVerdict)
  }

  private func resolve(_ visit: NodeVisit, round: RoundContext) -> Resolution {
    guard case .taskNode(let taskNode)? = visit.node.target, let task = visit.scope.plan.task(taskNode.referenceID)
    else {
      return .failure(
        .failure(code: "TaskNotFound", "the task of node \(visit.node.id) is not in the compiled workflow"))
    }
    guard let plugin = plugins.plugin(for: task.type) else {
      let known = plugins.taskTypes.joined(separator: ", ")
      return .failure(
        .failure(code: "NoPlugin", "no plugin runs tasks of type '\(task.type)' (known types: \(known))"))
    }
    return .success((task, plugin))
  }
}
