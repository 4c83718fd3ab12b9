import FlyteIDL
import Foundation
import Logging
import Synchronization
import Testing
import VaneData
import VaneEngine
import VaneTesting

@testable import VaneRay

#if canImport(Glibc)
import Glibc
#endif

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path

/// The Ray cluster the tests use: `$VANE_TEST_RAY_ADDRESS` when set (as `make test` does, from
/// scripts/ray/start.sh), else a two-node cluster this test process starts with that script on
/// first use and stops when it exits.
enum RayTestCluster {
  nonisolated(unsafe) static var startedDirectory: String?

  /// The cluster's job API, or why there is none.
  static let address: Result<RayAddress, ClusterError> = start()

  struct ClusterError: Error, CustomStringConvertible {
    var description: String
  }

  private static func start() -> Result<RayAddress, ClusterError> {
    if let text = ProcessInfo.processInfo.environment["VANE_TEST_RAY_ADDRESS"], !text.isEmpty {
      guard let address = RayAddress(text) else {
        return .failure(ClusterError(description: "VANE_TEST_RAY_ADDRESS '\(text)' is not an http URL"))
      }
      return .success(address)
    }
    // Short: Ray's socket paths under it must fit in 107 characters.
    let directory = "/tmp/vray-" + String(UUID().uuidString.prefix(8)).lowercased()
    // system(3), not Foundation's Process: Ray's daemons inherit the script's descriptors and
    // Process would wait for them; the address is read from DIR/address.
    let status = system("'\(repositoryRoot)/scripts/ray/start.sh' '\(directory)' '\(repositoryRoot)/.venv' >/dev/null")
    startedDirectory = directory
    atexit {
      guard let directory = RayTestCluster.startedDirectory else { return }
      _ = system("'\(repositoryRoot)/scripts/ray/stop.sh' '\(directory)' >/dev/null 2>&1; rm -rf '\(directory)'")
    }
    guard status == 0 else {
      return .failure(ClusterError(description: "scripts/ray/start.sh failed (status \(status)); see \(directory)"))
    }
    let text = (try? String(contentsOfFile: directory + "/address", encoding: .utf8)) ?? ""
    guard let address = RayAddress(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      return .failure(ClusterError(description: "start.sh wrote no address to \(directory)/address"))
    }
    return .success(address)
  }
}

/// One test's directory, data store and Ray plugin settings; each sandbox has an execution name
/// of its own, so its jobs' submission ids never meet another test's on a shared cluster.
struct Sandbox {
  let directory: TemporaryDirectory
  let path: String
  let store: LocalDataStore
  let layout: DataLayout
  let executionName: String

  init() throws {
    directory = try TemporaryDirectory("vane-ray-tests")
    path = directory.path
    store = LocalDataStore(root: path + "/data")
    layout = DataLayout(dataDirectory: store.rootURI)
    executionName = "t" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12)).lowercased()
  }

  func remove() { directory.remove() }

  func configuration(_ address: RayAddress) -> RayPlugin.Configuration {
    RayPlugin.Configuration(
      address: address, workRoot: path + "/work", logRoot: path + "/work", pollInterval: .milliseconds(100))
  }

  func plugin(_ address: RayAddress, contactTimeout: Duration? = nil) -> RayPlugin {
    var configuration = configuration(address)
    if let contactTimeout { configuration.contactTimeout = contactTimeout }
    return RayPlugin(configuration: configuration, dataStore: store)
  }

  /// The context of attempt `attempt` of node `node` of this sandbox's execution.
  func context(
    task: Flyteidl_Core_TaskTemplate, node: String = "n0", attempt: UInt32 = 0, state: PluginState = PluginState(),
    wake: WakeSignal
  ) -> TaskExecutionContext {
    var execution = Flyteidl_Core_WorkflowExecutionIdentifier()
    execution.project = "p"
    execution.domain = "d"
    execution.name = executionName
    var taskExecution = Flyteidl_Core_TaskExecutionIdentifier()
    taskExecution.taskID = task.id
    taskExecution.nodeExecutionID.executionID = execution
    taskExecution.nodeExecutionID.nodeID = node
    taskExecution.retryAttempt = attempt
    var workflow = Flyteidl_Core_Identifier()
    workflow.resourceType = .workflow
    workflow.project = "p"
    workflow.domain = "d"
    workflow.name = "wf.main"
    workflow.version = "v1"
    let raw = layout.rawOutput(execution: execution, nodeUniqueID: node, attempt: attempt)
    return TaskExecutionContext(
      taskExecutionID: taskExecution, uniqueID: raw.uniqueID, task: task, attempt: attempt,
      paths: layout.topLevelNode(node, attempt: attempt, executionDirectory: layout.executionDirectory(execution)),
      rawOutputPrefix: raw.prefix,
      previousCheckpointPrefix: layout.previousCheckpointPrefix(
        execution: execution, nodeUniqueID: node, attempt: attempt),
      execution: ExecutionInfo(id: execution, workflow: workflow), pluginState: state, wakeUp: wake.wakeUp,
      logger: Logger(label: "vane.ray.tests"))
  }
}

/// A `raw-container` task running `script` with `/bin/sh`.
func shellTask(_ script: String, type: String = "raw-container", cpu: String? = nil) -> Flyteidl_Core_TaskTemplate {
  var task = Flyteidl_Core_TaskTemplate()
  task.id.resourceType = .task
  task.id.project = "p"
  task.id.domain = "d"
  task.id.name = "t.shell"
  task.id.version = "v1"
  task.type = type
  var container = Flyteidl_Core_Container()
  container.image = "alpine"
  container.args = ["/bin/sh", "-c", script]
  if let cpu {
    var entry = Flyteidl_Core_Resources.ResourceEntry()
    entry.name = .cpu
    entry.value = cpu
    container.resources.requests.append(entry)
  }
  task.container = container
  return task
}

/// Calls `handle` until the attempt ends, waiting for a wake-up after each transition without
/// `wakeUpAfter` (so a missing wake-up fails the test). Returns every transition. The bound is
/// generous: on a loaded 2-core machine a one-cpu Ray node starts each job's supervisor worker
/// one at a time, and jobs of the tests running beside this one queue behind it.
func runToEnd(
  _ plugin: RayPlugin, _ context: TaskExecutionContext, wake: WakeSignal, timeout: Duration = .seconds(300)
) async throws -> [PluginTransition] {
  var context = context
  var transitions: [PluginTransition] = []
  let deadline = ContinuousClock.now + timeout
  while ContinuousClock.now < deadline {
    let seen = wake.value
    let transition = await plugin.handle(context)
    transitions.append(transition)
    if let state = transition.state { context.pluginState = state }
    if transition.phase.isTerminal { return transitions }
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
}
