import FlyteIDL
import Foundation
import Synchronization
import VaneData
import VaneEngine
import VaneModel
import VaneTesting

/// A task plugin that runs tasks in Swift from a script: the first `handle` of an attempt
/// starts it (reports `.running` and stores a plugin state), a later `handle` ends it as the
/// script says. Attempts that do not hold ask for the next round at once with `wakeUp()`.
///
/// Scripts are looked up by the node's unique id first, then by the task's short name. Every
/// call is recorded so tests can check starts, aborts, finalizes and concurrency.
final class ScriptedPlugin: TaskPlugin {
  let id = "scripted"
  let taskTypes: Set<String> = ["python-task"]
  let dataStore: any DataStore

  /// What the plugin saw of one attempt (keyed by its unique id).
  struct Attempt: Sendable {
    var nodeID: String
    var taskName: String
    var attempt: UInt32
    /// The task template and raw output prefix the last `handle` was given.
    var task = Flyteidl_Core_TaskTemplate()
    var rawOutputPrefix = DataURI("")
    /// `handle` calls with an empty plugin state: a naive plugin would start work each time.
    var starts = 0
    var handles = 0
    var aborts = 0
    var finalizes = 0
    var running = false
    var ended = false
  }

  private struct State {
    var scripts: [String: TaskScript]
    var attempts: [String: Attempt] = [:]
    var released: Set<String> = []
    var wakeUps: [String: @Sendable () -> Void] = [:]
    var runningNow = 0
    var peakRunning = 0
  }

  private let state: Mutex<State>

  init(dataStore: any DataStore, scripts: [String: TaskScript] = ShowcaseTasks.all) {
    self.dataStore = dataStore
    self.state = Mutex(State(scripts: scripts))
  }

  /// Replaces (or adds) the script for a node unique id or a task short name.
  func script(_ key: String, _ script: TaskScript) {
    state.withLock { $0.scripts[key] = script }
  }

  /// Lets the held attempts of node `nodeID` (unique id) finish and wakes their execution.
  func release(_ nodeID: String) {
    let wakeUp = state.withLock { state in
      state.released.insert(nodeID)
      return state.wakeUps[nodeID]
    }
    wakeUp?()
  }

  var attempts: [String: Attempt] { state.withLock { $0.attempts } }
  var peakRunning: Int { state.withLock { $0.peakRunning } }
  /// Attempts started and not ended.
  var runningNow: Int { state.withLock { $0.runningNow } }

  /// The attempts of node `nodeID`, in attempt order.
  func attempts(of nodeID: String) -> [Attempt] {
    state.withLock { $0.attempts.values.filter { $0.nodeID == nodeID }.sorted { $0.attempt < $1.attempt } }
  }

  /// True while an attempt of node `nodeID` has started and not ended.
  func isRunning(_ nodeID: String) -> Bool {
    attempts(of: nodeID).contains { $0.running }
  }

  func handle(_ context: TaskExecutionContext) async -> PluginTransition {
    let nodeID = context.taskExecutionID.nodeExecutionID.nodeID
    let taskName = String(context.task.id.name.split(separator: ".").last ?? "")
    let fresh = context.pluginState.isEmpty
    let (script, released) = state.withLock { state -> (TaskScript?, Bool) in
      var attempt =
        state.attempts[context.uniqueID] ?? Attempt(nodeID: nodeID, taskName: taskName, attempt: context.attempt)
      attempt.handles += 1
      attempt.task = context.task
      attempt.rawOutputPrefix = context.rawOutputPrefix
      if fresh {
        attempt.starts += 1
        if !attempt.running && !attempt.ended {
          attempt.running = true
          state.runningNow += 1
          state.peakRunning = max(state.peakRunning, state.runningNow)
        }
      }
      state.attempts[context.uniqueID] = attempt
      state.wakeUps[nodeID] = context.wakeUp
      return (state.scripts[nodeID] ?? state.scripts[taskName], state.released.contains(nodeID))
    }
    guard let script else {
      end(context.uniqueID)
      return .permanentFailure(.make(code: "NoScript", message: "no script for task \(taskName)", kind: .system))
    }
    if fresh && !script.immediate {
      if !script.holds { context.wakeUp() }
      return .running(state: PluginState(data: Data("started".utf8), version: 1), reason: "started")
    }
    if script.holds && !released { return .running(reason: "held") }
    end(context.uniqueID)
    return await finish(context, script: script, taskName: taskName)
  }

  private func finish(_ context: TaskExecutionContext, script: TaskScript, taskName: String) async -> PluginTransition {
    let paths = context.paths
    do {
      switch script.ending(of: context.attempt) {
      case .succeed:
        let inputs = try await dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: paths.inputs)
        try await dataStore.writeMessage(try script.compute(inputs), to: paths.outputs)
        return .success()
      case .retryable(let kind):
        return .retryableFailure(
          .make(code: "Scripted", message: "\(taskName) attempt \(context.attempt) failed (retryable)", kind: kind))
      case .permanent:
        return .permanentFailure(
          .make(code: "Scripted", message: "\(taskName) attempt \(context.attempt) failed for good", kind: .user))
      case .errorDocument(let kind, let origin):
        var document = Flyteidl_Core_ErrorDocument()
        document.error.code = "USER:ValueError"
        document.error.message = "\(taskName) raised on attempt \(context.attempt)"
        document.error.kind = kind
        document.error.origin = origin
        try await dataStore.writeMessage(document, to: paths.error)
        return .success()
      case .corruptOutputs:
        try await dataStore.write(Data([0xff, 0xff, 0xff, 0x01, 0x02]), to: paths.outputs)
        return .success()
      case .noOutputs:
        return .success()
      case .succeedInMemory:
        let inputs = try await dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: paths.inputs)
        return .success(outputs: try script.compute(inputs))
      }
    } catch {
      return .permanentFailure(.make(code: "ScriptFailed", message: "\(taskName): \(error)", kind: .system))
    }
  }

  private func end(_ uniqueID: String) {
    state.withLock { state in
      guard var attempt = state.attempts[uniqueID], attempt.running else { return }
      attempt.running = false
      attempt.ended = true
      state.runningNow -= 1
      state.attempts[uniqueID] = attempt
    }
  }

  func abort(_ context: TaskExecutionContext, reason: String) async {
    state.withLock { $0.attempts[context.uniqueID]?.aborts += 1 }
    end(context.uniqueID)
  }

  func finalize(_ context: TaskExecutionContext) async {
    state.withLock { $0.attempts[context.uniqueID]?.finalizes += 1 }
  }
}
