import FlyteIDL
import Foundation
import VaneData
import VaneModel

/// Runs an array node (`map_task`): one item per element of the mapped inputs, each item being
/// attempts of the inner node's task run through the plugin registry like a task node's — or,
/// for a mapped launch plan, child executions of it (`LaunchPlanItemPlugin`).
///
/// Each visit advances the items in flight, then starts new ones in index order while
/// `parallelism` allows (0 or unset: no limit) — at most `startsPerVisit` per visit, and none
/// after one had to wait for machine resources. The node succeeds once every item ended and at
/// least `min_successes` (or `min_success_ratio`, or all) succeeded; it fails, stopping the
/// items still running, as soon as that became impossible (unless `run_all_sub_nodes`).
///
/// State lives in `Vane_NodeStatus.array`, one byte per item for phase, attempts and system
/// failures, plus plugin state only for items in flight; a non-empty `plugin_state` marks the
/// array state as belonging to the current attempt of the node. The work of a visit is
/// proportional to the items in flight and started, never to the array's size, except for the
/// final gathering of outputs (each item's `outputs.pb` read once).
struct ArrayNodeHandler: NodeHandler {
  let plugins: PluginRegistry
  /// Starts the child executions of a mapped launch plan; nil: launch plans are not mapped.
  var launcher: (any ExecutionLauncher)? = nil
  /// The data cache, for the items of a cacheable task (`ArrayItemCache`); nil: no item caching.
  var catalog: CacheCatalog? = nil
  /// Items started in one visit at most, so one round over a huge array stays short.
  var startsPerVisit = 5_000

  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    let setup: Setup
    switch await self.setup(visit, round: round) {
    case .success(let found): setup = found
    case .failure(let verdict): return verdict
    }
    var items = Self.loadItems(&visit, count: setup.inputs.count)
    var runner = ArrayItemRunner(
      task: setup.task, plugin: setup.plugin, array: setup.array, inputs: setup.inputs, visit: visit, round: round,
      cache: ArrayItemCache(task: setup.task, catalog: catalog, overwrite: round.spec.config.overwriteCache))
    for index in items.inFlight {
      await runner.advance(index, &items)
    }
    let limit = setup.array.parallelism > 0 ? Int(setup.array.parallelism) : Int.max
    let needed = ArraySuccessCriteria.minSuccesses(setup.array, count: items.count)
    var started = 0
    // Once too many items failed for the node to succeed, none starts (only to be stopped by
    // `decide`), unless every item is to run anyway.
    while items.nextToStart < items.count && items.inFlightCount < limit
      && (setup.array.runAllSubNodes || items.count - items.failed >= needed)
    {
      guard started < startsPerVisit else {
        round.wakeUp(after: .zero)
        break
      }
      let index = items.nextToStart
      await runner.start(&items)
      started += 1
      let waiting = Int32(Flyteidl_Core_TaskExecution.Phase.waitingForResources.rawValue)
      if items.taskPhases[UInt32(index)] == waiting { break }
    }
    var verdict: HandlerVerdict
    do {
      try await ArrayOutputChunks.store(
        runner.inlineOutputs, in: &items, parentPaths: visit.paths(round.layout), round: round)
      verdict = await decide(&items, runner: &runner, setup: setup, visit: visit, round: round)
    } catch {
      // The items that succeeded have nowhere to keep their outputs: retry the node.
      verdict = .retryableFailure(.writeOutputsFailed, "array item outputs: \(error)")
    }
    visit.status.array = items.stored
    record(visit: &visit, setup: setup, verdict: verdict, changes: runner.changes, round: round)
    return verdict
  }

  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async {
    guard !visit.status.pluginState.isEmpty, !visit.status.array.taskPhases.isEmpty,
      case .success(let setup) = await setup(visit, round: round)
    else { return }
    var items = Self.loadItems(&visit, count: setup.inputs.count)
    var runner = ArrayItemRunner(
      task: setup.task, plugin: setup.plugin, array: setup.array, inputs: setup.inputs, visit: visit, round: round)
    for index in items.inFlight {
      await runner.abort(index, reason: reason, &items)
    }
    visit.status.array = items.stored
    record(
      visit: &visit, setup: setup, phase: .aborted, verdict: .running(reason), changes: runner.changes, round: round)
  }

  func finalize(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async {
    guard !visit.status.pluginState.isEmpty, !visit.status.array.taskPhases.isEmpty,
      case .success(let setup) = await setup(visit, round: round)
    else { return }
    let items = ArrayItems(visit.status.array)
    let runner = ArrayItemRunner(
      task: setup.task, plugin: setup.plugin, array: setup.array, inputs: setup.inputs, visit: visit, round: round)
    for index in items.inFlight {
      await runner.finalize(index, items)
    }
  }

  /// Ends the node when its items decided it: success (outputs gathered) or failure.
  private func decide(
    _ items: inout ArrayItems, runner: inout ArrayItemRunner, setup: Setup, visit: NodeVisit, round: RoundContext
  ) async -> HandlerVerdict {
    let needed = ArraySuccessCriteria.minSuccesses(setup.array, count: items.count)
    if items.count - items.failed < needed && (!setup.array.runAllSubNodes || items.isDone) {
      for index in items.inFlight {
        await runner.abort(index, reason: "the array node failed: too many items failed", &items)
      }
      return .failure(Self.error(items, needed: needed))
    }
    guard items.isDone else {
      return .running(
        "\(items.succeeded)/\(items.count) items succeeded, \(items.failed) failed, \(items.inFlightCount) running")
    }
    let paths = visit.paths(round.layout)
    switch await ArrayOutputGatherer.gather(
      items, task: setup.task, array: setup.array, parentPaths: paths, round: round)
    {
    case .failure(let failure):
      // A store outage while gathering is waited out; the items' outputs are still there.
      return failure.verdict
    case .success(let outputs):
      do {
        try await round.write(outputs, to: paths.outputs)
        return .success(outputs: paths.outputs)
      } catch {
        return .retryableFailure(.writeOutputsFailed, "array node outputs: \(error)")
      }
    }
  }

  /// The node's error: how many items failed against how many had to succeed, and the first
  /// item error (its code and kind, so a user error stays a user error).
  static func error(_ items: ArrayItems, needed: Int) -> Flyteidl_Core_ExecutionError {
    let fallback = NodeErrorCode.arrayNodeFailing.rawValue
    let first = items.firstError ?? .make(code: fallback, message: "", kind: .user)
    var message = "\(items.failed) of \(items.count) items failed; at least \(needed) had to succeed"
    if !first.message.isEmpty { message += ". First failure: \(first.message)" }
    return .make(code: first.code.isEmpty ? fallback : first.code, message: message, kind: first.kind)
  }

  /// The stored items of the current attempt, or fresh ones when the node starts (again).
  /// Leaves `visit.status.array` empty so the unpacked copy is the only one.
  private static func loadItems(_ visit: inout NodeVisit, count: Int) -> ArrayItems {
    var items = ArrayItems(visit.status.array)
    if visit.status.pluginState.isEmpty || items.count != count {
      items = ArrayItems(count: count)
      visit.status.pluginState = Data("array".utf8)
      visit.status.pluginStateVersion = 1
    }
    visit.status.array = Vane_ArrayStatus()
    return items
  }

  private func record(
    visit: inout NodeVisit, setup: Setup, phase: Flyteidl_Core_TaskExecution.Phase? = nil, verdict: HandlerVerdict,
    changes: [Flyteidl_Event_ExternalResourceInfo], round: RoundContext
  ) {
    let taskPhase = phase ?? TaskEvents.taskPhase(.running, verdict: verdict)
    guard !changes.isEmpty || Int32(taskPhase.rawValue) != visit.status.taskPhase else { return }
    if Int32(taskPhase.rawValue) != visit.status.taskPhase { visit.status.phaseVersion = 0 }
    // One event per visit, never one per item: `external_resources` lists only the items that
    // changed (index, attempt, phase, logs), which Flyte's admin merges by index, so a
    // 100,000-item array costs a few dozen events, each as large as what moved in its round.
    var event = TaskEvents.event(
      visit, task: setup.task, phase: taskPhase, reason: verdict.reason, verdict: verdict, round: round)
    event.phaseVersion = visit.status.phaseVersion
    event.metadata.externalResources = changes
    event.metadata.pluginIdentifier = "array"
    TaskEvents.record(event, visit, task: setup.task, verdict: verdict, round: round)
    visit.status.taskPhase = Int32(taskPhase.rawValue)
    visit.status.phaseVersion += 1
  }
}
