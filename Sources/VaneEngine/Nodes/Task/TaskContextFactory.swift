import FlyteIDL
import Logging
import VaneData
import VaneModel

/// Builds the context a plugin gets for the current attempt of a task node.
enum TaskContextFactory {
  static func make(_ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, round: RoundContext) -> TaskExecutionContext {
    let layout = round.layout
    let attempt = visit.attempt
    var id = Flyteidl_Core_TaskExecutionIdentifier()
    id.taskID = task.id
    id.nodeExecutionID.nodeID = visit.uniqueID
    id.nodeExecutionID.executionID = round.executionID
    id.retryAttempt = attempt
    let executionName = round.executionID.name
    let raw = layout.rawOutput(executionName: executionName, nodeUniqueID: visit.uniqueID, attempt: attempt)
    var info = ExecutionInfo(id: round.executionID, workflow: round.plan.primary.template.id)
    if round.spec.hasLaunchPlan { info.launchPlan = round.spec.launchPlan }
    if !round.spec.codeArchiveUri.isEmpty { info.codeArchive = DataURI(round.spec.codeArchiveUri) }
    info.environment = round.spec.config.env
    let key = round.key
    let wakeUp = round.wakeUp
    var logger = round.logger
    logger[metadataKey: "node"] = "\(visit.uniqueID)"
    logger[metadataKey: "execution"] = "\(key)"
    return TaskExecutionContext(
      taskExecutionID: id, uniqueID: raw.uniqueID, task: task, attempt: attempt, paths: visit.paths(layout),
      rawOutputPrefix: raw.prefix,
      previousCheckpointPrefix: layout.previousCheckpointPrefix(
        executionName: executionName, nodeUniqueID: visit.uniqueID, attempt: attempt),
      execution: info, pluginState: PluginState(data: visit.status.pluginState, version: visit.status.pluginStateVersion),
      wakeUp: wakeUp, logger: logger)
  }
}
