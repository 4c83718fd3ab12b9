import FlyteIDL
import SwiftProtobuf
import VaneModel

/// Range checks of the durations and counts a spec gives (see `SpecLimits`): a timeout of
/// 10^17 s or a retry budget of 2^32 − 1 is refused here, with the field named, instead of
/// reaching the engine.
extension WorkflowBuilder {
  /// Checks a node's own metadata and, for a gate, its sleep; the task a task node runs is
  /// checked where it is resolved (`LimitCheck.task`).
  func checkLimits(_ node: Flyteidl_Core_Node) {
    for problem in LimitCheck.node(node) { report(.outOfRange, node.id, problem) }
  }

  /// Checks a task a node of this workflow runs.
  func checkLimits(_ task: Flyteidl_Core_TaskTemplate, node id: String) {
    for problem in LimitCheck.task(task) { report(.outOfRange, id, problem) }
  }
}

/// The range checks themselves, shared by workflow compilation and task registration.
enum LimitCheck {
  /// Problems with a node's metadata and a gate's sleep.
  static func node(_ node: Flyteidl_Core_Node) -> [String] {
    var problems: [String] = []
    if node.metadata.hasTimeout,
      let problem = SpecLimits.problem(with: node.metadata.timeout, field: "metadata.timeout")
    {
      problems.append(problem)
    }
    if node.metadata.hasRetries,
      let problem = SpecLimits.problem(withRetries: node.metadata.retries.retries, field: "metadata.retries")
    {
      problems.append(problem)
    }
    if case .gateNode(let gate)? = node.target, case .sleep(let sleep)? = gate.condition, sleep.hasDuration,
      let problem = SpecLimits.problem(with: sleep.duration, field: "the sleep gate's duration")
    {
      problems.append(problem)
    }
    return problems
  }

  /// Problems with a task's metadata: its timeout and retry budget.
  static func task(_ task: Flyteidl_Core_TaskTemplate) -> [String] {
    let name = EntityKey(task.id).name
    var problems: [String] = []
    if task.metadata.hasTimeout,
      let problem = SpecLimits.problem(with: task.metadata.timeout, field: "task \(name): metadata.timeout")
    {
      problems.append(problem)
    }
    if task.metadata.hasRetries,
      let problem = SpecLimits.problem(
        withRetries: task.metadata.retries.retries, field: "task \(name): metadata.retries")
    {
      problems.append(problem)
    }
    return problems
  }
}
