import Foundation
import Logging
public import VaneEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LocalProcessPlugin {
  /// Sends SIGTERM to the attempt's process group and, if it is still alive after the grace
  /// period (on the plugin's clock), SIGKILL — from a timer task of its own, so the caller
  /// does not wait and nothing but the process group is shared with it. Frees the attempt's
  /// share of the machine (or its place in the queue) at once. An attempt launched but not
  /// started yet (a fork in flight) is claimed as `aborted`, so its leader never runs the task.
  public func abort(_ context: TaskExecutionContext, reason: String) async {
    runtime.pool.release(context.uniqueID)
    let directory =
      ProcessRecord(context.pluginState).map { AttemptDirectory(path: $0.workDirectory) }
      ?? AttemptDirectory(root: configuration.workRoot, uniqueID: context.uniqueID)
    if directory.hasLaunchMarker && directory.claimStart("aborted") { return }
    var found = ProcessRecord(context.pluginState) ?? directory.processRecord() ?? adoptable(directory)
    if found == nil { found = await leader(of: directory) }
    guard let record = found, ProcessInspector.isAlive(record) else { return }
    context.logger.info(
      "aborting task process", metadata: ["pid": "\(record.pid)", "reason": "\(reason)"])
    kill(-record.pid, SIGTERM)
    let (grace, clock) = (configuration.abortGracePeriod, clock)
    Task {
      try? await clock.sleep(for: grace)
      if ProcessInspector.isAlive(record) { kill(-record.pid, SIGKILL) }
    }
  }

  /// Frees the attempt's share of the machine. The work directory (logs) stays.
  public func finalize(_ context: TaskExecutionContext) async {
    runtime.pool.release(context.uniqueID)
  }

  /// A warm leader records itself right after claiming the attempt: give it a moment to.
  private func leader(of directory: AttemptDirectory) async -> ProcessRecord? {
    guard directory.startedHow?.hasPrefix("warm") == true else { return nil }
    for _ in 0..<100 {
      if let record = directory.processRecord() { return record }
      try? await Task.sleep(for: .milliseconds(10))
    }
    return nil
  }

  private func adoptable(_ directory: AttemptDirectory) -> ProcessRecord? {
    guard let pid = directory.shellPID(), ProcessInspector.isWrapper(pid: pid, of: directory),
      let status = ProcessInspector.status(of: pid)
    else { return nil }
    return ProcessRecord(pid: pid, startTime: status.startTime, workDirectory: directory.path)
  }
}
