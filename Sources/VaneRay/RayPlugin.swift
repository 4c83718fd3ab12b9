import FlyteIDL
import Foundation
public import Logging
public import VaneData
public import VaneEngine
public import VaneModel

/// Runs a task attempt as a Ray job on a cluster, through the cluster's job submission REST API:
/// flytekit Ray tasks (type `ray`, whose own `ray.init()` joins the cluster) and any container
/// task the placement sends there (see `RayPlacementPlugin`).
///
/// The job's submission id is the attempt's unique id, so each `handle` — one idempotent,
/// non-blocking step — first asks the cluster about that id (or takes the watcher's fresh
/// answer) and lets `RayJobMachine` decide: submit when the cluster has no such job, re-attach
/// when it has (a restarted engine finds its jobs instead of submitting them again), report the
/// job's status otherwise. The entrypoint is the task's rendered command with the environment
/// the local process plugin would give it (`ContainerCommand`, `TaskEnvironment`), reserving
/// what the task requests; outputs come back through the data store, which the engine reads
/// after `.success`. Logs: the job's log on the cluster while it runs, a copy on the engine's
/// machine once it ended.
public struct RayPlugin: TaskPlugin {
  public let id = "ray"
  /// Flytekit's Ray tasks; other types reach the plugin through `RayPlacementPlugin`.
  public let taskTypes: Set<String> = [RayPlugin.rayTaskType]
  /// The task type of flytekit's Ray tasks.
  public static let rayTaskType = "ray"

  public let configuration: Configuration
  let api: any RayJobAPI
  let dataStore: any DataStore
  let watcher: RayJobWatcher
  let machine: RayJobMachine
  let clock: any WallClock

  /// A plugin submitting through `api` (a `RayJobClient` for `configuration.address` by
  /// default), reading and writing node data through `dataStore`, reading `clock` (the engine's).
  public init(
    configuration: Configuration, dataStore: any DataStore, api: (any RayJobAPI)? = nil,
    clock: any WallClock = SystemClock(), logger: Logger = Logger(label: "vane.ray")
  ) {
    self.configuration = configuration
    let api = api ?? RayJobClient(address: configuration.address, timeout: configuration.requestTimeout)
    self.api = api
    self.dataStore = dataStore
    self.clock = clock
    self.watcher = RayJobWatcher(api: api, interval: configuration.pollInterval, clock: clock, logger: logger)
    self.machine = RayJobMachine(contactTimeout: Self.seconds(configuration.contactTimeout))
  }

  public func handle(_ context: TaskExecutionContext) async -> PluginTransition {
    guard case .container = context.task.target else {
      let error = RayPluginError(
        .noContainer,
        "task type '\(context.task.type)' has no container; the Ray plugin runs only container tasks",
        attempt: context.uniqueID)
      return .permanentFailure(error.executionError(kind: .user))
    }
    guard context.task.securityContext.secrets.isEmpty else {
      let error = RayPluginError(
        .secretsUnsupported,
        "the task requests secrets, which Vane does not hand to Ray jobs (Ray's job API shows a job's environment);"
          + " place the task on local processes (ray.task_types / ray.images)", attempt: context.uniqueID)
      return .permanentFailure(error.executionError(kind: .user))
    }
    let attempt = RayJobMachine.Attempt(
      submissionID: context.uniqueID, address: configuration.address.base,
      owner: context.paths.outputDirectory.rawValue)
    let stored = RayJobState(context.pluginState)
    let observation: RayJobMachine.Observation
    if stored?.submitted == true, let latest = watcher.latest(attempt.submissionID) {
      observation = latest
    } else {
      observation = await lookUp(attempt.submissionID)
    }
    let decision = machine.decide(attempt, stored: stored, observation: observation, now: clock.date)
    guard decision.step != .submit else {
      return await submit(context, attempt, state: decision.state)
    }
    return await report(decision, observation: observation, context)
  }

  /// Asks the API about the job.
  func lookUp(_ submissionID: String) async -> RayJobMachine.Observation {
    do {
      return try await api.job(submissionID).map { .found($0) } ?? .missing
    } catch {
      return .unreachable(error.message)
    }
  }

  /// The transition for a decided step (anything but `.submit`).
  func report(
    _ decision: RayJobMachine.Decision, observation: RayJobMachine.Observation, _ context: TaskExecutionContext
  ) async -> PluginTransition {
    let id = context.uniqueID
    let state = decision.state.pluginState
    switch decision.step {
    case .submit, .waiting, .running, .unreachable:
      watcher.watch(id, wakeUp: context.wakeUp)
      watcher.record(id, observation)
    case .succeeded, .failed:
      watcher.unwatch(id)
    }
    switch decision.step {
    case .submit:
      return .queued("submitting Ray job \(id)", state: state)
    case .waiting(let message):
      return .waitingForResources("Ray job \(id) is pending: \(message)", state: state)
    case .running(let message):
      let node = Self.driverNode(observation).map { " on node \($0)" } ?? ""
      return .running(
        state: state, reason: "running as Ray job \(id)\(node)\(message.isEmpty ? "" : ": \(message)")",
        logs: liveLogs(id))
    case .unreachable(let reason):
      let retry = min(configuration.contactTimeout, .seconds(5))
      guard decision.state.submitted else {
        return .waitingForResources(
          "cannot reach the Ray job API at \(configuration.address): \(reason)", state: state, wakeUpAfter: retry)
      }
      return .running(
        state: state, reason: "lost contact with the Ray job API at \(configuration.address): \(reason)",
        logs: liveLogs(id), wakeUpAfter: retry)
    case .succeeded:
      return .success(state: state, logs: await finalLogs(id, observation: observation))
    case .failed(let failure):
      let logs = await finalLogs(id, observation: observation)
      let error = RayPluginError(failure.code, failure.message, attempt: id).executionError(kind: failure.kind)
      return failure.retryable
        ? .retryableFailure(error, state: state, logs: logs) : .permanentFailure(error, state: state, logs: logs)
    }
  }

  private static func driverNode(_ observation: RayJobMachine.Observation) -> String? {
    guard case .found(let details) = observation, let node = details.driverNodeID, !node.isEmpty else { return nil }
    return String(node.prefix(12))
  }

  static func seconds(_ duration: Duration) -> TimeInterval {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
