import FlyteIDL
import Foundation
import Logging
import VaneEngine

extension LocalProcessPlugin {
  /// Starts an attempt that has never been launched: plan, reserve resources, claim the launch
  /// marker, spawn, record, watch.
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
    guard runtime.beginLaunch(context.uniqueID) else {
      return .running(reason: "starting", checkAgainAfter: .seconds(1))
    }
    defer { runtime.endLaunch(context.uniqueID) }
    return launch(launchPlan, context, directory)
  }

  private func launch(
    _ plan: LaunchPlan, _ context: TaskExecutionContext, _ directory: AttemptDirectory
  ) -> PluginTransition {
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
      return .running(reason: "starting", checkAgainAfter: .seconds(1))
    }
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
    let runtime = self.runtime
    let uniqueID = context.uniqueID
    let wakeUp = context.wakeUp
    ExitWaiter.watch(pid: pid) { outcome in
      switch outcome {
      case .exited(let code): directory.recordExit(.exited(code))
      case .signaled(let signal): directory.recordExit(.signaled(signal))
      case .lost: break
      }
      runtime.removeChild(uniqueID)
      runtime.pool.release(uniqueID)
      wakeUp()
    }
    context.logger.debug(
      "started task process", metadata: ["pid": "\(pid)", "workDirectory": "\(directory.path)"])
    return .running(state: record.pluginState, reason: "started as pid \(pid)", logs: directory.logs)
  }
}
