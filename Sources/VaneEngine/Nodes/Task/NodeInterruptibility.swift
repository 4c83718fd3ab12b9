import FlyteIDL
import VaneModel

/// Whether an attempt of a task node may run on interruptible (preemptible, cheaper) capacity,
/// as FlytePropeller decides it:
///
/// - the node's `interruptible` (NodeMetadata; flytekit copies `@task(interruptible=...)` and
///   `with_overrides(interruptible=...)` there) wins; else the task's own setting; else the
///   execution's (`ExecutionConfig.interruptible`) or the workflow's default
///   (`metadata_defaults.interruptible`);
/// - interruptible attempts have their own budget: once the node's system failures (which is
///   what a preemption is) reach the threshold, its next attempts are not interruptible, so a
///   node that keeps being preempted ends on capacity that is not. The threshold
///   (`EngineEnvironment.interruptibleFailureThreshold`, held by the task handler): a positive
///   N means "after N system failures"; zero or negative -N means "for the last N attempts of
///   the system budget" (Flyte's default -1: the last system retry runs non-interruptible).
///
/// Local processes cannot be preempted, so locally the flag changes nothing by itself; it is
/// handed to plugins in `TaskExecutionContext.interruptible` for those that schedule onto
/// capacity where it matters.
enum NodeInterruptibility {
  static func isInterruptible(
    _ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, threshold: Int32, round: RoundContext
  ) -> Bool {
    guard requested(visit.node, task: task, round: round) else { return false }
    return !budgetSpent(
      systemFailures: visit.status.systemFailures,
      maxAttempts: round.systemRetries == .max ? .max : round.systemRetries + 1, threshold: threshold)
  }

  /// What the node, task, execution and workflow ask for, before the failure budget.
  static func requested(_ node: Flyteidl_Core_Node, task: Flyteidl_Core_TaskTemplate, round: RoundContext) -> Bool {
    if case .interruptible(let value)? = node.metadata.interruptibleValue { return value }
    if case .interruptible(let value)? = task.metadata.interruptibleValue { return value }
    return round.spec.config.interruptible || round.plan.primary.template.metadataDefaults.interruptible
  }

  /// True when `systemFailures` reached the threshold (see the type's documentation).
  static func budgetSpent(systemFailures: UInt32, maxAttempts: UInt32, threshold: Int32) -> Bool {
    if threshold > 0 { return systemFailures >= UInt32(threshold) }
    let keep = UInt32(min(Int64(maxAttempts), -Int64(threshold)))
    return systemFailures >= maxAttempts - keep
  }
}
