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
  /// period, SIGKILL — from a timer, so the caller does not wait. Frees the attempt's share of
  /// the machine (or its place in the queue) at once.
  public func abort(_ context: TaskExecutionContext, reason: String) async {
    runtime.pool.release(context.uniqueID)
    let directory =
      ProcessRecord(context.pluginState).map { AttemptDirectory(path: $0.workDirectory) }
      ?? AttemptDirectory(root: configuration.workRoot, uniqueID: context.uniqueID)
    guard let record = ProcessRecord(context.pluginState) ?? directory.processRecord() ?? adoptable(directory),
      ProcessInspector.isAlive(record)
    else { return }
    context.logger.info(
      "aborting task process", metadata: ["pid": "\(record.pid)", "reason": "\(reason)"])
    kill(-record.pid, SIGTERM)
    let grace = configuration.abortGracePeriod
    let seconds = Double(grace.components.seconds) + Double(grace.components.attoseconds) / 1e18
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
      if ProcessInspector.isAlive(record) { kill(-record.pid, SIGKILL) }
    }
  }

  /// Frees the attempt's share of the machine. The work directory (logs) stays.
  public func finalize(_ context: TaskExecutionContext) async {
    runtime.pool.release(context.uniqueID)
  }

  private func adoptable(_ directory: AttemptDirectory) -> ProcessRecord? {
    guard let pid = directory.shellPID(), ProcessInspector.isWrapper(pid: pid, of: directory),
      let status = ProcessInspector.status(of: pid)
    else { return nil }
    return ProcessRecord(pid: pid, startTime: status.startTime, workDirectory: directory.path)
  }
}
