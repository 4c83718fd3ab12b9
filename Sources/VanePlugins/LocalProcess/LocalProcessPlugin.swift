import FlyteIDL
import Foundation
public import VaneData
public import VaneEngine
public import VaneModel

/// Runs container tasks (`python-task`, `container`, `raw-container`, `dynamic`, …) as local
/// processes, the way a Kubernetes pod would run them: template variables substituted, the
/// `FLYTE_INTERNAL_*` environment set, the image mapped to a local Python environment, one
/// working directory per attempt, cpu and memory requests honoured against the machine.
///
/// Each `handle` is one idempotent, non-blocking step, driven by what is on disk under the
/// attempt's work directory (see `AttemptDirectory`):
///
/// ```
///   exit file? ──yes──▶ success (0) / retryable failure (non-zero, signal)
///       │no
///   process recorded? ──yes──▶ alive (pid + start time)? ──yes──▶ running
///       │no                          │no ─▶ exit file now? else "process vanished"
///   launch marker? ──yes──▶ adopt the wrapper from `pid`, or "process vanished"
///       │no
///   resources free (FIFO)? ──no──▶ waiting for resources (woken when they free)
///       │yes
///   create launch marker exclusively, spawn, record pid + start time ─▶ running
/// ```
///
/// So an attempt is never started twice — not by repeated rounds, not by concurrent calls, not
/// by a restarted engine — and a restarted engine re-attaches to processes that outlived it
/// (they run in their own session). Exits of children are noticed by a waiter thread that wakes
/// the execution; processes of an earlier engine are checked every second.
public struct LocalProcessPlugin: TaskPlugin {
  public let id = "local-process"
  /// How tasks are run.
  public let configuration: Configuration
  let dataStore: any DataStore
  let runtime: LocalProcessRuntime
  let inheritedEnvironment: [String: String]
  /// Times the abort grace period and the age of a launch in progress; a manual clock in tests.
  let clock: any WallClock

  public var taskTypes: Set<String> { configuration.taskTypes }

  /// A plugin running tasks as configured, reading and writing node data through `dataStore`;
  /// `environment` is where the inherited variables are taken from (the engine's by default);
  /// `clock` is the engine's; it also times the fork servers (start, fork and idle timeouts).
  public init(
    configuration: Configuration, dataStore: any DataStore, environment: [String: String]? = nil,
    clock: any WallClock = SystemClock()
  ) {
    self.configuration = configuration
    self.dataStore = dataStore
    self.clock = clock
    let warm = configuration.warmStarts
    let settings = WarmStarts.Settings(
      directory: configuration.warmDirectory,
      timeouts: .init(start: warm.startTimeout, fork: warm.forkTimeout, idle: warm.idleTimeout),
      maximumServers: max(1, warm.maximumServers))
    self.runtime = LocalProcessRuntime(
      capacity: configuration.capacity, warm: WarmStarts(settings: settings, clock: WarmClock(clock)))
    self.inheritedEnvironment = environment ?? ProcessInfo.processInfo.environment
  }

  /// Stops the fork servers; they exit once the attempts they forked have ended. Without this
  /// they exit when idle, or when this process exits.
  public func stopWarmStarts() {
    runtime.warm.stopAll()
  }

  /// Stops the fork servers and waits (at most `limit`) until they have exited and removed their
  /// directories: a `vane run` that returns leaves nothing behind that still writes.
  public func stopWarmStarts(waitingAtMost limit: Duration) async {
    await runtime.warm.stopAll(waitingAtMost: limit)
  }

  /// The work directory of an attempt: `<work root>/<unique id>`.
  public func workDirectory(forUniqueID uniqueID: String) -> String {
    AttemptDirectory(root: configuration.workRoot, uniqueID: uniqueID).path
  }

  /// What is free for tasks now.
  public var freeResources: ResourceAmount { runtime.pool.free }

  public func handle(_ context: TaskExecutionContext) async -> PluginTransition {
    guard case .container = context.task.target else {
      let error = LocalProcessError(
        .noContainer,
        "task type '\(context.task.type)' has no container; the local process plugin runs only "
          + "container tasks", attempt: context.uniqueID)
      return .permanentFailure(error.executionError(kind: .user))
    }
    let stored = ProcessRecord(context.pluginState)
    let directory =
      stored.map { AttemptDirectory(path: $0.workDirectory) }
      ?? AttemptDirectory(root: configuration.workRoot, uniqueID: context.uniqueID)
    if let status = directory.recordedExit() {
      return await concluded(status, context, directory, record: stored)
    }
    if let record = stored ?? directory.processRecord() {
      return await check(record, context, directory)
    }
    if directory.hasLaunchMarker {
      return await recover(context, directory)
    }
    return await start(context, directory)
  }

  /// The verdict for an ended process; frees its share of the machine.
  func finished(
    _ status: TaskExit, _ context: TaskExecutionContext, _ directory: AttemptDirectory, record: ProcessRecord?
  ) -> PluginTransition {
    runtime.pool.release(context.uniqueID)
    return status.transition(uniqueID: context.uniqueID, state: record?.pluginState, logs: directory.logs)
  }

  /// The verdict for a started process that has not left an exit status (yet).
  private func check(
    _ record: ProcessRecord, _ context: TaskExecutionContext, _ directory: AttemptDirectory
  ) async -> PluginTransition {
    if runtime.isUnreapedChild(context.uniqueID, pid: record.pid) {
      return .running(state: record.pluginState, reason: "running as pid \(record.pid)", logs: directory.logs)
    }
    if ProcessInspector.isAlive(record) {
      runtime.pool.adopt(context.uniqueID, amount: request(of: context))
      return .running(
        state: record.pluginState, reason: "running as pid \(record.pid)", logs: directory.logs,
        wakeUpAfter: .seconds(1))
    }
    // It may have ended between the first look at the exit file and now.
    if let status = directory.recordedExit() {
      return await concluded(status, context, directory, record: record)
    }
    return vanished(context, directory, record: record)
  }

  /// The attempt was launched but its process was never recorded: the launcher died in between,
  /// or is another caller still busy launching.
  private func recover(_ context: TaskExecutionContext, _ directory: AttemptDirectory) async -> PluginTransition {
    if runtime.isLaunching(context.uniqueID) {
      return .running(reason: "starting", wakeUpAfter: .seconds(1))
    }
    if let pid = directory.shellPID(), ProcessInspector.isWrapper(pid: pid, of: directory),
      let status = ProcessInspector.status(of: pid)
    {
      let record = ProcessRecord(pid: pid, startTime: status.startTime, workDirectory: directory.path)
      directory.recordProcess(record)
      return await check(record, context, directory)
    }
    if let status = directory.recordedExit() {
      return await concluded(status, context, directory, record: nil)
    }
    if let age = directory.launchMarkerAge(now: clock.date), age < 10 {
      return .running(reason: "starting", wakeUpAfter: .seconds(1))
    }
    return vanished(context, directory, record: nil)
  }

  private func vanished(
    _ context: TaskExecutionContext, _ directory: AttemptDirectory, record: ProcessRecord?
  ) -> PluginTransition {
    runtime.pool.release(context.uniqueID)
    let error = LocalProcessError(
      .processVanished,
      "process vanished: the task's process is gone without an exit status (the machine or the engine "
        + "stopped while it ran); see \(directory.path)", attempt: context.uniqueID)
    return .retryableFailure(error.executionError(kind: .system), state: record?.pluginState, logs: directory.logs)
  }
}
