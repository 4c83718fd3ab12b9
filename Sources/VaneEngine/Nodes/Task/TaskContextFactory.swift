import FlyteIDL
import Logging
import VaneData
import VaneModel

/// Builds the context a plugin gets for one attempt of a task: of a task node (`make(_:task:…)`)
/// or of one item of an array node (an `Attempt` describing the item).
enum TaskContextFactory {
  /// The facts that differ between a task node and an array item.
  struct Attempt {
    /// The unique id of the node the attempt belongs to (an array item has its own).
    var nodeUniqueID: String
    var attempt: UInt32
    var paths: NodeDataPaths
    var pluginState: PluginState
    var environment: [String: String] = [:]
    var itemInputs: Flyteidl_Core_LiteralMap?
  }

  static func make(
    _ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, interruptibleFailureThreshold: Int32, round: RoundContext
  ) -> TaskExecutionContext {
    let attempt = Attempt(
      nodeUniqueID: visit.uniqueID, attempt: visit.attempt, paths: visit.paths(round.layout),
      pluginState: PluginState(data: visit.status.pluginState, version: visit.status.pluginStateVersion))
    var context = make(attempt, task: task, round: round)
    context.interruptible = NodeInterruptibility.isInterruptible(
      visit, task: task, threshold: interruptibleFailureThreshold, round: round)
    return context
  }

  static func make(_ attempt: Attempt, task: Flyteidl_Core_TaskTemplate, round: RoundContext) -> TaskExecutionContext {
    let layout = rawLayout(round)
    var id = Flyteidl_Core_TaskExecutionIdentifier()
    id.taskID = task.id
    id.nodeExecutionID.nodeID = attempt.nodeUniqueID
    id.nodeExecutionID.executionID = round.executionID
    id.retryAttempt = attempt.attempt
    let raw = layout.rawOutput(
      execution: round.executionID, nodeUniqueID: attempt.nodeUniqueID, attempt: attempt.attempt)
    var logger = round.logger
    logger[metadataKey: "node"] = "\(attempt.nodeUniqueID)"
    logger[metadataKey: "execution"] = "\(round.key)"
    var context = TaskExecutionContext(
      taskExecutionID: id, uniqueID: raw.uniqueID, task: task, attempt: attempt.attempt, paths: attempt.paths,
      rawOutputPrefix: raw.prefix,
      previousCheckpointPrefix: layout.previousCheckpointPrefix(
        execution: round.executionID, nodeUniqueID: attempt.nodeUniqueID, attempt: attempt.attempt),
      execution: executionInfo(round), environment: attempt.environment, pluginState: attempt.pluginState,
      wakeUp: round.wakeUp, logger: logger)
    context.itemInputs = attempt.itemInputs
    return context
  }

  /// The round's layout with the execution's own raw output prefix as raw root, when it has
  /// one (`raw_output_data_config` of the execution or its launch plan; checked at creation).
  static func rawLayout(_ round: RoundContext) -> DataLayout {
    var layout = round.layout
    let prefix = round.spec.config.rawOutputPrefix
    if !prefix.isEmpty, let root = try? RawOutputPrefix.validated(prefix) { layout.rawOutputRoot = root }
    return layout
  }

  private static func executionInfo(_ round: RoundContext) -> ExecutionInfo {
    var info = ExecutionInfo(id: round.executionID, workflow: round.plan.primary.template.id)
    if round.spec.hasLaunchPlan { info.launchPlan = round.spec.launchPlan }
    if !round.spec.codeArchiveUri.isEmpty { info.codeArchive = DataURI(round.spec.codeArchiveUri) }
    info.environment = round.spec.config.env
    return info
  }
}
