import FlyteIDL
import Foundation
import Logging
import SwiftProtobuf
import Synchronization
import Testing
import VaneData
import VaneEngine
import VaneModel
import VaneTesting

@testable import VanePlugins

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path

/// The Python environment with flytekit.
let venv = repositoryRoot + "/.venv"

/// One test's data directory, data store and plugin configuration.
struct Sandbox {
  let directory: TemporaryDirectory
  let store: LocalDataStore
  let layout: DataLayout

  init() throws {
    directory = try TemporaryDirectory()
    store = LocalDataStore(root: directory.path + "/data")
    layout = DataLayout(dataDirectory: store.rootURI)
  }

  var workRoot: String { directory.path + "/work" }

  func configuration(
    capacity: ResourceAmount = ResourceAmount(cpuMillicores: 64_000, memoryBytes: 64 << 30),
    grace: Duration = .seconds(5)
  ) -> LocalProcessPlugin.Configuration {
    LocalProcessPlugin.Configuration(
      workRoot: workRoot, images: ["*": venv], capacity: capacity, abortGracePeriod: grace)
  }

  func plugin(
    _ configuration: LocalProcessPlugin.Configuration? = nil, clock: any WallClock = SystemClock()
  ) -> LocalProcessPlugin {
    LocalProcessPlugin(configuration: configuration ?? self.configuration(), dataStore: store, clock: clock)
  }

  /// The context of attempt `attempt` of node `node` in execution `e1` of `p`/`d`.
  func context(
    task: Flyteidl_Core_TaskTemplate, node: String = "n0", attempt: UInt32 = 0, state: PluginState = PluginState(),
    wake: WakeSignal, codeArchive: DataURI? = nil
  ) -> TaskExecutionContext {
    var execution = Flyteidl_Core_WorkflowExecutionIdentifier()
    execution.project = "p"
    execution.domain = "d"
    execution.name = "e1"
    var nodeExecution = Flyteidl_Core_NodeExecutionIdentifier()
    nodeExecution.executionID = execution
    nodeExecution.nodeID = node
    var taskExecution = Flyteidl_Core_TaskExecutionIdentifier()
    taskExecution.taskID = task.id
    taskExecution.nodeExecutionID = nodeExecution
    taskExecution.retryAttempt = attempt
    var workflow = Flyteidl_Core_Identifier()
    workflow.resourceType = .workflow
    workflow.project = "p"
    workflow.domain = "d"
    workflow.name = "wf.main"
    workflow.version = "v1"
    let executionDirectory = layout.executionDirectory(execution)
    let raw = layout.rawOutput(execution: execution, nodeUniqueID: node, attempt: attempt)
    return TaskExecutionContext(
      taskExecutionID: taskExecution, uniqueID: raw.uniqueID, task: task, attempt: attempt,
      paths: layout.topLevelNode(node, attempt: attempt, executionDirectory: executionDirectory),
      rawOutputPrefix: raw.prefix,
      previousCheckpointPrefix: layout.previousCheckpointPrefix(
        execution: execution, nodeUniqueID: node, attempt: attempt),
      execution: ExecutionInfo(id: execution, workflow: workflow, codeArchive: codeArchive),
      pluginState: state, wakeUp: wake.wakeUp, logger: Logger(label: "vane.plugins.tests"))
  }
}

/// A `raw-container` task running `args` (no template variables needed).
func shellTask(
  _ script: String, name: String = "t.shell", env: [String: String] = [:], cpu: String? = nil, memory: String? = nil
) -> Flyteidl_Core_TaskTemplate {
  var task = Flyteidl_Core_TaskTemplate()
  task.id.resourceType = .task
  task.id.project = "p"
  task.id.domain = "d"
  task.id.name = name
  task.id.version = "v1"
  task.type = "raw-container"
  var container = Flyteidl_Core_Container()
  container.image = "alpine"
  container.args = ["sh", "-c", script]
  container.env = env.sorted { $0.key < $1.key }.map { key, value in
    var pair = Flyteidl_Core_KeyValuePair()
    pair.key = key
    pair.value = value
    return pair
  }
  for (name, value) in [(Flyteidl_Core_Resources.ResourceName.cpu, cpu), (.memory, memory)] {
    guard let value else { continue }
    var entry = Flyteidl_Core_Resources.ResourceEntry()
    entry.name = name
    entry.value = value
    container.resources.requests.append(entry)
  }
  task.container = container
  return task
}

/// Runs `handle` until the attempt ends: after a transition without `wakeUpAfter` it waits
/// for a wake-up (so a missing wake-up fails the test), otherwise for the asked delay. Returns
/// the final transition and the last stored state.
func runToEnd(
  _ plugin: LocalProcessPlugin, _ context: TaskExecutionContext, wake: WakeSignal, timeout: Duration = .seconds(30)
) async throws -> (PluginTransition, PluginState) {
  var context = context
  let deadline = ContinuousClock.now + timeout
  while ContinuousClock.now < deadline {
    let seen = wake.value
    let transition = await plugin.handle(context)
    if let state = transition.state { context.pluginState = state }
    if transition.phase.isTerminal { return (transition, context.pluginState) }
    if let delay = transition.wakeUpAfter {
      // As the engine does: the next round comes with a wake-up or after the asked delay.
      _ = await wake.wait(after: seen, within: delay)
    } else {
      let woken = await wake.wait(after: seen, within: deadline - ContinuousClock.now)
      try #require(woken, "no wake-up after \(transition.phase) (\(transition.reason))")
    }
  }
  throw TestTimeout()
}

struct TestTimeout: Error {}

extension PluginTransition.Phase {
  /// The error of a failed attempt.
  var error: Flyteidl_Core_ExecutionError? {
    switch self {
    case .retryableFailure(let error), .permanentFailure(let error): error
    default: nil
    }
  }

  var isRetryableFailure: Bool {
    if case .retryableFailure = self { return true }
    return false
  }
}

/// Whether any process with `needle` in its command line is alive.
func processAlive(matching needle: String) -> Bool {
  guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
  for entry in entries where entry.allSatisfy(\.isNumber) {
    guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
    let text = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
    guard text.contains(needle) else { continue }
    if let stat = FileManager.default.contents(atPath: "/proc/\(entry)/stat"),
      let status = ProcessInspector.parseStat(String(decoding: stat, as: UTF8.self)), status.state == "Z"
    {
      continue
    }
    return true
  }
  return false
}

/// Waits until `condition` holds, looking every 10 ms; fails the test after `timeout`.
func waitUntil(
  _ what: String, timeout: Duration = .seconds(30), _ condition: () throws -> Bool
) async throws {
  let deadline = ContinuousClock.now + timeout
  while try !condition() {
    guard ContinuousClock.now < deadline else {
      Issue.record("timed out waiting until \(what)")
      throw TestTimeout()
    }
    try await Task.sleep(for: .milliseconds(10))
  }
}

/// A `pyflyte package --fast` fixture from Tests/Fixtures/packages, unpacked: its task templates
/// by task name and its code archive.
struct FixturePackage {
  let directory: String
  let archive: String

  init(_ name: String, into sandbox: Sandbox) throws {
    directory = sandbox.directory.path + "/package-" + name
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let tar = Process()
    tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    tar.arguments = ["tar", "-xzf", repositoryRoot + "/Tests/Fixtures/packages/\(name).tgz", "-C", directory]
    try tar.run()
    tar.waitUntilExit()
    try #require(tar.terminationStatus == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: directory)
    archive = directory + "/" + (try #require(files.first { $0.hasPrefix("fast") && $0.hasSuffix(".tar.gz") }))
  }

  /// The template of task `name` (e.g. `showcase.engine_cases.step`).
  func task(_ name: String) throws -> Flyteidl_Core_TaskTemplate {
    let files = try FileManager.default.contentsOfDirectory(atPath: directory)
    let file = try #require(files.first { $0.hasSuffix("_\(name)_1.pb") })
    return try Flyteidl_Admin_TaskSpec(
      serializedBytes: try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
    )
    .template
  }
}
