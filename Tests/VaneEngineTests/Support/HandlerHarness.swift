import FlyteIDL
import Foundation
import Logging
import SwiftProtobuf
import VaneData
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneEngine

/// One node of a compiled workflow driven through its handler round by round, without an
/// engine, as FlytePropeller's `handler_test.go` files drive theirs: an in-memory data store
/// and key-value store, the scripted plugin, a manual clock, and a fresh `RoundContext` per
/// round (the one a test makes the way the reconciler makes it).
///
/// The harness does what the node executor does around a handler — writes the node's inputs
/// and starts attempts — so a test sees exactly what the handler does with a status.
final class HandlerHarness {
  let clock = ManualClock()
  let dataStore = MemoryDataStore()
  let keyValues: any KeyValueStore
  let plugin: ScriptedPlugin
  let layout: DataLayout
  let spec: Vane_ExecutionSpec
  let plan: ExecutionPlan
  let handlers: NodeHandlerFactory
  let executor: NodeExecutor
  /// The node under test.
  let node: Flyteidl_Core_Node
  /// Its status, kept across rounds.
  var status = Vane_NodeStatus()
  /// Every event recorded, in order.
  private(set) var events: [EngineEvent] = []
  /// How often a plugin or handler asked to wake the execution up at once.
  let wakeUps = Locked(0)

  /// The node `nodeID` of `closure`, run in execution `proj/dev/exec` with `inputs`; launch
  /// plans come from `launcher` (a real store launcher in the launch-plan tests).
  init(
    _ closure: Flyteidl_Core_CompiledWorkflowClosure, node nodeID: String,
    inputs: [String: Flyteidl_Core_Literal] = [:], name: String = "exec",
    keyValues: any KeyValueStore = MemoryKeyValueStore(), launcher: (any ExecutionLauncher)? = nil,
    configure: (inout Vane_ExecutionSpec) throws -> Void = { _ in }
  ) throws {
    self.keyValues = keyValues
    plugin = ScriptedPlugin(dataStore: dataStore)
    layout = DataLayout(dataDirectory: dataStore.rootURI)
    var spec = Vane_ExecutionSpec()
    spec.id.project = "proj"
    spec.id.domain = "dev"
    spec.id.name = name
    spec.closure = closure
    spec.inputs = literals(inputs)
    spec.dataDir = layout.executionDirectory(spec.id).rawValue
    try configure(&spec)
    self.spec = spec
    plan = ExecutionPlan(closure)
    guard let node = plan.primary.nodes[nodeID] else { throw Showcase.Missing(description: "no node \(nodeID)") }
    self.node = node
    var registry = PluginRegistry.Builder()
    registry.register(plugin)
    let launcher = launcher ?? UnusedLauncher()
    handlers = NodeHandlerFactory(plugins: try registry.build(), keyValues: keyValues, launcher: launcher)
    executor = NodeExecutor(handlers: handlers, launcher: launcher)
  }

  /// The scope of the workflow's own nodes.
  var scope: NodeScope {
    NodeScope(
      graph: plan.primary, plan: plan, inputs: spec.inputs, parent: nil, executionDirectory: DataURI(spec.dataDir))
  }

  /// The node's paths for its current attempt.
  var paths: NodeDataPaths { visit().paths(layout) }

  /// A round at the clock's current time.
  func round() -> RoundContext {
    let wakeUps = self.wakeUps
    return RoundContext(
      key: ResourceKey(execution: spec.id), spec: spec, plan: plan,
      settings: .init(
        dataStore: dataStore, layout: layout, producerID: "test", logger: Logger(label: "vane.handler.test"),
        systemRetries: 3),
      now: clock.now, wakeUp: { wakeUps.withLock { $0 += 1 } })
  }

  /// Resolves the node's bindings against the workflow's inputs, writes them as its inputs
  /// (`inputs.pb`) and starts its first attempt, as the node executor does before the first
  /// visit.
  func start() async throws {
    let round = round()
    let inputs = try await ScopeState([:]).resolver(for: scope, round: round).resolve(node.inputs)
    try await start(inputs: inputs.literals)
  }

  /// Writes `inputs` as the node's inputs and starts its first attempt (for a node whose
  /// bindings name upstream nodes).
  func start(inputs: [String: Flyteidl_Core_Literal]) async throws {
    status.dataDir = scope.paths(of: node.id, attempt: 0, layout: layout).dataDirectory.rawValue
    try await dataStore.writeMessage(literals(inputs), to: scope.paths(of: node.id, attempt: 0, layout: layout).inputs)
    startAttempt()
  }

  /// Starts the next attempt as the node executor does: fresh plugin state and children.
  func startAttempt() {
    status.attempts += 1
    status.lastAttemptStartedAt = clock.now.timestamp
    status.pluginState = Data()
    status.pluginStateVersion = 0
    status.taskPhase = 0
    status.children = [:]
    status.dynamicPhase = 0
    status.dynamicClosureUri = ""
    status.outputDir = paths.outputDirectory.rawValue
  }

  private func visit() -> NodeVisit {
    NodeVisit(
      node: node, uniqueID: node.id, scope: scope,
      resolver: ScopeState([:]).resolver(for: scope, round: round()), status: status)
  }

  /// One visit of the node's handler; returns the verdict and what the round collected.
  @discardableResult
  func handle() async -> (verdict: HandlerVerdict, round: RoundContext) {
    let round = round()
    var visit = NodeVisit(
      node: node, uniqueID: node.id, scope: scope, resolver: ScopeState([:]).resolver(for: scope, round: round),
      status: status)
    let verdict = await handlers.handler(for: node).handle(&visit, round: round, executor: executor)
    status = visit.status
    events += round.events
    return (verdict, round)
  }

  /// Stops the node through its handler.
  func abort(reason: String) async {
    let round = round()
    var visit = NodeVisit(
      node: node, uniqueID: node.id, scope: scope, resolver: ScopeState([:]).resolver(for: scope, round: round),
      status: status)
    await handlers.handler(for: node).abort(&visit, reason: reason, round: round, executor: executor)
    status = visit.status
    events += round.events
  }

  /// The outputs stored at `uri`.
  func outputs(at uri: DataURI?) async throws -> Flyteidl_Core_LiteralMap {
    guard let uri else { throw Showcase.Missing(description: "no outputs") }
    return try await dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: uri)
  }

  /// The task events recorded for the node, as (phase, attempt).
  var taskEvents: [Flyteidl_Event_TaskExecutionEvent] {
    events.compactMap { event in
      guard case .task(let task) = event.message else { return nil }
      return task
    }
  }
}

/// A launcher for tests whose nodes launch nothing: every call is a failure the test would see.
struct UnusedLauncher: ExecutionLauncher {
  func launch(_ spec: Vane_ExecutionSpec) async throws(EngineError) {
    throw EngineError(.internalInconsistency, "this test launches no execution")
  }

  func status(of key: ResourceKey) async throws(EngineError) -> Vane_ExecutionStatus? { nil }

  func abort(_ key: ResourceKey, reason: String) async throws(EngineError) {
    throw EngineError(.internalInconsistency, "this test aborts no execution")
  }
}

extension HandlerVerdict {
  /// The verdict's outputs, for a success.
  var outputs: DataURI? {
    guard case .success(let outputs) = kind else { return nil }
    return outputs
  }

  /// The verdict's error, for a failure of either kind.
  var error: Flyteidl_Core_ExecutionError? {
    switch kind {
    case .failure(let error), .retryableFailure(let error): error
    default: nil
    }
  }

  var isRunning: Bool { kind == .running }
  var isRetryable: Bool {
    if case .retryableFailure = kind { return true }
    return false
  }
  var isFailure: Bool {
    if case .failure = kind { return true }
    return false
  }
}
