import FlyteIDL
import Foundation
import Logging
import SwiftProtobuf
import VaneEngine

extension LocalProcessPlugin {
  /// Starts an attempt that has never been launched: plan, reserve resources, decide how to start
  /// it (`attemptStart`), claim the launch marker, fork it warm or spawn it cold, record, watch.
  func start(_ context: TaskExecutionContext, _ directory: AttemptDirectory) async -> PluginTransition {
    let launchPlan: LaunchPlan
    do {
      launchPlan = try await plan(context, in: directory)
    } catch {
      let retryable = error.code == .dataAccess
      let executionError = error.executionError(kind: retryable ? .system : .user)
      return retryable ? .retryableFailure(executionError) : .permanentFailure(executionError)
    }
    switch runtime.pool.acquire(context.uniqueID, amount: launchPlan.request, wakeUp: context.wakeUp) {
    case .acquired: break
    case .waiting(let ahead):
      let request = launchPlan.request.capped(at: configuration.capacity)
      return .waitingForResources(
        "waiting for \(request.cpuMillicores)m cpu and \(request.memoryBytes >> 20) MiB memory"
          + (ahead > 0 ? " (\(ahead) task(s) ahead)" : ""))
    }
    var warm: (start: WarmStart, server: ForkServer)?
    if case .warm(let start) = attemptStart(launchPlan, context, directory) {
      let timeout = context.task.metadata.timeout
      let wait = configuration.warmStarts.startWait(
        timeout: context.task.metadata.hasTimeout ? .seconds(timeout.seconds) + .nanoseconds(timeout.nanos) : nil)
      switch runtime.warm.lease(start.server, wakeUp: context.wakeUp) {
      case .ready(let server):
        warm = (start, server)
      case .warming(let age) where age < wait:
        // Resources stay reserved; the execution is woken when the server is ready or has failed.
        // Not `running`: the engine reports an attempt's logs with its change to running.
        return .waitingForResources("waiting for a warm Python environment", wakeUpAfter: wait - age)
      case .warming:
        context.logger.debug("starting cold while a warm Python environment starts")
      case .unavailable(let reason):
        context.logger.debug("starting cold", metadata: ["reason": "\(reason)"])
      }
    }
    guard runtime.beginLaunch(context.uniqueID) else {
      return .running(reason: "starting", wakeUpAfter: .seconds(1))
    }
    defer { runtime.endLaunch(context.uniqueID) }
    if let failure = claim(context, directory) { return failure }
    if let warm {
      if let started = await fork(warm.start, from: warm.server, context, directory) { return started }
    }
    // After a failed warm start, its leader may have run after all: then it has the claim.
    guard directory.claimStart("cold") else { return .running(reason: "starting", wakeUpAfter: .seconds(1)) }
    var coldPlan = launchPlan
    do {
      coldPlan.command = try await sandboxed(launchPlan.command, context, directory)
    } catch {
      directory.recordExit(.launchFailed(error.message))
      return finished(.launchFailed(error.message), context, directory, record: nil)
    }
    return spawn(coldPlan, context, directory)
  }

  /// Creates the work directory and the launch marker; a transition when the attempt must not be
  /// launched here.
  private func claim(_ context: TaskExecutionContext, _ directory: AttemptDirectory) -> PluginTransition? {
    let claimed: Bool
    do {
      try directory.create()
      claimed = try directory.claimLaunch()
    } catch {
      runtime.pool.release(context.uniqueID)
      let failure = LocalProcessError(
        .launchFailed, "could not create the work directory \(directory.path): \(error)", attempt: context.uniqueID)
      return .retryableFailure(failure.executionError(kind: .system))
    }
    guard claimed else {
      // Another engine process launched this attempt; the next round finds its process.
      runtime.pool.release(context.uniqueID)
      return .running(reason: "starting", wakeUpAfter: .seconds(1))
    }
    return nil
  }

  /// A cold start: the command under the wrapper shell, reaped by an `ExitWaiter`.
  private func spawn(
    _ plan: LaunchPlan, _ context: TaskExecutionContext, _ directory: AttemptDirectory
  ) -> PluginTransition {
    let pid: Int32
    do {
      pid = try ProcessSpawner.spawn(
        shell: configuration.shell, directory: directory, command: plan.command, environment: plan.environment)
    } catch {
      directory.recordExit(.launchFailed(error.message))
      return finished(.launchFailed(error.message), context, directory, record: nil)
    }
    let startTime = ProcessInspector.status(of: pid)?.startTime ?? 0
    let record = ProcessRecord(pid: pid, startTime: startTime, workDirectory: directory.path)
    directory.recordProcess(record)
    runtime.addChild(context.uniqueID, pid: pid)
    ExitWaiter.watch(pid: pid, onExit: exitHandler(context, directory))
    context.logger.debug(
      "started task process", metadata: ["pid": "\(pid)", "workDirectory": "\(directory.path)"])
    return .running(state: record.pluginState, reason: "started as pid \(pid)", logs: directory.logs)
  }

  /// A warm start: the attempt's leader forked by `server`, which reports its end. Nil when the
  /// server did not fork it.
  private func fork(
    _ warm: WarmStart, from server: ForkServer, _ context: TaskExecutionContext, _ directory: AttemptDirectory
  ) async -> PluginTransition? {
    // Registered before the request goes out: the leader may end before the reply is read.
    runtime.addChild(context.uniqueID, pid: LocalProcessRuntime.pendingChild)
    switch await server.fork(warm.request, onExit: exitHandler(context, directory, warm: true)) {
    case .forked(let pid):
      runtime.replaceChild(context.uniqueID, pendingWith: pid)
      // The leader records itself first thing; the engine's record is only for a leader too
      // quick to be seen.
      let record =
        directory.processRecord()
        ?? ProcessRecord(
          pid: pid, startTime: ProcessInspector.status(of: pid)?.startTime ?? 0, workDirectory: directory.path)
      if directory.processRecord() == nil { directory.recordProcess(record) }
      context.logger.debug(
        "forked task process",
        metadata: ["pid": "\(pid)", "forkServer": "\(server.pid)", "workDirectory": "\(directory.path)"])
      return .running(
        state: record.pluginState, reason: "forked as pid \(pid) from warm Python \(server.pid)", logs: directory.logs)
    case .refused(let reason), .unavailable(let reason):
      runtime.removeChild(context.uniqueID)
      context.logger.info("starting cold after a failed warm start", metadata: ["reason": "\(reason)"])
      return nil
    }
  }

  /// What happens when an attempt's process ends: its exit is recorded (unless it recorded it
  /// itself), its share of the machine freed, its execution woken. `lost` (reaped elsewhere, or
  /// its fork server stopped first) frees nothing: the next round looks at the process by pid.
  /// A `warm` leader that found the attempt claimed by someone else (a cold fallback, an abort)
  /// ran nothing: its exit says nothing about the task.
  private func exitHandler(
    _ context: TaskExecutionContext, _ directory: AttemptDirectory, warm: Bool = false
  ) -> @Sendable (ExitWaiter.Outcome) -> Void {
    let runtime = self.runtime
    let uniqueID = context.uniqueID
    let wakeUp = context.wakeUp
    return { outcome in
      let ranTask = !warm || directory.startedHow?.hasPrefix("warm") == true
      switch ranTask ? outcome : .lost {
      case .exited(let code): directory.recordExit(.exited(code))
      case .signaled(let signal): directory.recordExit(.signaled(signal))
      case .lost: break
      }
      runtime.removeChild(uniqueID)
      if outcome != .lost { runtime.pool.release(uniqueID) }
      wakeUp()
    }
  }
}
