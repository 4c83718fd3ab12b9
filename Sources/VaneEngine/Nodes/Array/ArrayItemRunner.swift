import FlyteIDL
import Foundation
import Logging
import VaneData
import VaneModel

/// Runs the items of one array node for one visit: each item is one attempt after another of
/// the inner node's task, handed to the plugin exactly as a task node's attempt is, with the
/// item's own unique id, output directory and `FLYTE_K8S_ARRAY_INDEX`. Collects what changed
/// for the array's task event.
struct ArrayItemRunner {
  let task: Flyteidl_Core_TaskTemplate
  let plugin: any TaskPlugin
  let array: Flyteidl_Core_ArrayNode
  let inputs: ArrayInputs
  /// The array node's unique id, attempt and paths.
  let parentUniqueID: String
  let parentAttempt: UInt32
  let parentPaths: NodeDataPaths
  let budget: NodePhaseRules.Budget
  let round: RoundContext
  /// The items' cache, when the task is cacheable.
  let cache: ArrayItemCache?
  /// Items whose task phase changed during the visit, for the array's task event.
  private(set) var changes: [Flyteidl_Event_ExternalResourceInfo] = []
  /// Outputs the plugin handed back in memory during the visit, by item index; stored together
  /// at the end of the visit (`ArrayOutputChunks`).
  private(set) var inlineOutputs: [Int: Flyteidl_Core_LiteralMap] = [:]

  init(
    task: Flyteidl_Core_TaskTemplate, plugin: any TaskPlugin, array: Flyteidl_Core_ArrayNode, inputs: ArrayInputs,
    visit: NodeVisit, round: RoundContext, cache: ArrayItemCache? = nil
  ) {
    self.cache = cache
    self.task = task
    self.plugin = plugin
    self.array = array
    self.inputs = inputs
    self.parentUniqueID = visit.uniqueID
    self.parentAttempt = visit.attempt
    self.parentPaths = visit.paths(round.layout)
    self.round = round
    var retries: UInt32 = 0
    if array.node.metadata.retries.retries != 0 {
      retries = array.node.metadata.retries.retries
    } else {
      retries = task.metadata.retries.retries
    }
    budget = .init(userRetries: retries, systemRetries: round.systemRetries)
  }

  /// The plugin context of the current attempt of item `index`.
  func context(_ index: Int, items: ArrayItems) -> TaskExecutionContext {
    let attempt = items.attempt(index)
    let key = UInt32(index)
    let itemPaths = round.layout.arrayItem(index, attempt: attempt, parent: parentPaths)
    // Flyte hands map-task items the array's own input file and an output prefix of their own.
    let paths =
      array.dataMode == .individualInputFiles
      ? itemPaths : NodeDataPaths(dataDirectory: parentPaths.dataDirectory, outputDirectory: itemPaths.outputDirectory)
    let described = TaskContextFactory.Attempt(
      nodeUniqueID: UniqueID.node("n\(index)", parentUniqueID: parentUniqueID, parentAttempt: parentAttempt),
      attempt: attempt, paths: paths,
      pluginState: PluginState(
        data: items.pluginStates[key] ?? Data(), version: items.pluginStateVersions[key] ?? 0),
      environment: ["BATCH_JOB_ARRAY_INDEX_VAR_NAME": "FLYTE_K8S_ARRAY_INDEX", "FLYTE_K8S_ARRAY_INDEX": String(index)],
      itemInputs: inputs.item(index))
    return TaskContextFactory.make(described, task: task, round: round)
  }

  /// Starts the first attempt of the next item and advances it.
  /// A cacheable item found in the cache succeeds at once with the cached outputs.
  mutating func start(_ items: inout ArrayItems) async {
    let index = items.nextToStart
    items.startAttempt(index)
    if let cache, let key = cache.key(for: inputs.item(index), round: round),
      let outputs = await cache.lookUp(key, round: round)
    {
      inlineOutputs[index] = outputs
      let context = context(index, items: items)
      note(index, attempt: context.attempt, phase: .succeeded, context: context, logs: [], cacheStatus: .cacheHit)
      items.end(index, as: .succeeded)
      return
    }
    await advance(index, &items)
  }

  /// Stores a succeeded item's outputs in the cache (when the task is cacheable).
  private func storeInCache(_ index: Int, context: TaskExecutionContext) async -> Flyteidl_Core_CatalogCacheStatus {
    guard let cache, let key = cache.key(for: inputs.item(index), round: round) else { return .cacheDisabled }
    let outputs: Flyteidl_Core_LiteralMap
    if let inline = inlineOutputs[index] {
      outputs = inline
    } else {
      do {
        outputs = try await round.dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: context.paths.outputs)
      } catch {
        round.logger.warning("cannot read a map item's outputs for the cache", metadata: ["error": "\(error)"])
        return .cachePutFailure
      }
    }
    await cache.store(outputs, for: key, source: context.uniqueID, round: round)
    return .cachePopulated
  }

  /// Advances one item in flight; a retryable failure starts its next attempt at once (one
  /// retry per visit at most, so an item failing instantly cannot hold the round).
  mutating func advance(_ index: Int, _ items: inout ArrayItems) async {
    for _ in 0..<2 {
      if items.phase(index) == .retryable {
        items.startAttempt(index)
      }
      if array.dataMode == .individualInputFiles, items.taskPhases[UInt32(index)] == 0,
        !(await writeItemInputs(index, items: items))
      {
        return
      }
      let context = context(index, items: items)
      let transition = await plugin.handle(context)
      let key = UInt32(index)
      if let state = transition.state {
        items.pluginStates[key] = state.data
        items.pluginStateVersions[key] = state.version
      }
      let verdict = await judge(transition, context: context)
      if let outputs = transition.outputs, case .success = verdict.kind { inlineOutputs[index] = outputs }
      let taskPhase = TaskEvents.taskPhase(transition.phase, verdict: verdict)
      let next = apply(verdict, to: index, &items)
      let cacheStatus = next == .succeeding ? await storeInCache(index, context: context) : .cacheDisabled
      if items.taskPhases[key] != Int32(taskPhase.rawValue) {
        note(
          index, attempt: context.attempt, phase: taskPhase, context: context, logs: transition.logs,
          cacheStatus: cacheStatus)
        items.taskPhases[key] = Int32(taskPhase.rawValue)
      }
      switch next {
      case .succeeding:
        await plugin.finalize(context)
        items.end(index, as: .succeeded)
        return
      case .failing:
        await plugin.finalize(context)
        items.end(index, as: .failed, error: failure(of: verdict))
        return
      case .retryable:
        await plugin.finalize(context)
        items.phases[index] = UInt8(NodePhase.retryable.rawValue)
      default:
        return
      }
    }
    round.wakeUp(after: .zero)
  }

  /// Stops item `index` (in flight) and marks it aborted.
  mutating func abort(_ index: Int, reason: String, _ items: inout ArrayItems) async {
    let context = context(index, items: items)
    if items.phase(index) == .running {
      await plugin.abort(context, reason: reason)
      await plugin.finalize(context)
    }
    note(index, attempt: context.attempt, phase: .aborted, context: context, logs: [])
    items.end(index, as: .aborted)
  }

  /// Releases what the current attempt of item `index` holds.
  func finalize(_ index: Int, _ items: ArrayItems) async {
    await plugin.finalize(context(index, items: items))
  }

  /// The item's verdict: what the plugin said, and for a finished attempt what it left.
  private func judge(_ transition: PluginTransition, context: TaskExecutionContext) async -> HandlerVerdict {
    switch transition.phase {
    case .waitingForResources, .queued:
      return .waiting(transition.reason, wakeUpAfter: transition.wakeUpAfter)
    case .running:
      return .running(transition.reason, wakeUpAfter: transition.wakeUpAfter)
    case .success:
      if let outputs = transition.outputs {
        return TaskOutputReader.missingOutputs(outputs, task: task) ?? .success(outputs: nil)
      }
      return await TaskOutputReader.read(
        paths: context.paths, attempt: context.attempt, task: task, round: round, checkContents: false)
    case .retryableFailure(let error):
      return .retryableFailure(error)
    case .permanentFailure(let error):
      return .failure(error)
    }
  }

  /// The item's next phase by the same rules as a node's; updates its system failure count.
  private func apply(_ verdict: HandlerVerdict, to index: Int, _ items: inout ArrayItems) -> NodePhase {
    if let delay = verdict.wakeUpAfter { round.wakeUp(after: delay) }
    var status = Vane_NodeStatus()
    status.attempts = UInt32(items.attempts[index])
    status.systemFailures = UInt32(items.systemFailures[index])
    var next = NodePhaseRules.apply(verdict, to: &status, budget: budget)
    items.systemFailures[index] = UInt8(min(status.systemFailures, 255))
    // The attempt counter saturates at 255: no attempt beyond it.
    if next == .retryable, items.attempts[index] == .max { next = .failing }
    return next
  }

  private func failure(of verdict: HandlerVerdict) -> Flyteidl_Core_ExecutionError {
    switch verdict.kind {
    case .failure(let error), .retryableFailure(let error): return error
    default: return .make(.unknownError, message: "the item failed", kind: .system)
    }
  }

  /// For `individual_input_files`: the item's own inputs file, written before its attempt.
  private func writeItemInputs(_ index: Int, items: ArrayItems) async -> Bool {
    let path = round.layout.arrayItem(index, attempt: items.attempt(index), parent: parentPaths).inputs
    do {
      try await round.dataStore.stageMessage(inputs.item(index), to: path)
      return true
    } catch {
      round.logger.warning("cannot write array item inputs", metadata: ["item": "\(index)", "error": "\(error)"])
      round.wakeUp(after: .seconds(1))
      return false
    }
  }

  private mutating func note(
    _ index: Int, attempt: UInt32, phase: Flyteidl_Core_TaskExecution.Phase, context: TaskExecutionContext,
    logs: [Flyteidl_Core_TaskLog], cacheStatus: Flyteidl_Core_CatalogCacheStatus = .cacheDisabled
  ) {
    var info = Flyteidl_Event_ExternalResourceInfo()
    info.cacheStatus = cacheStatus
    info.externalID = context.uniqueID
    info.index = UInt32(index)
    info.retryAttempt = attempt
    info.phase = phase
    info.logs = logs
    changes.append(info)
  }
}
