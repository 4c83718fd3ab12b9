import Logging
public import VaneEngine

extension RayPlugin {
  /// Asks Ray to stop the attempt's job (Ray sends the entrypoint SIGTERM, then SIGKILL after
  /// its grace period) and stops watching it. Safe when the job never started or already
  /// ended; the job is addressed by the attempt's unique id, so a job submitted by a round
  /// whose state was never stored is stopped too.
  public func abort(_ context: TaskExecutionContext, reason: String) async {
    watcher.unwatch(context.uniqueID)
    do {
      if try await api.stop(context.uniqueID) {
        context.logger.info("stopping Ray job", metadata: ["job": "\(context.uniqueID)", "reason": "\(reason)"])
      }
    } catch {
      context.logger.warning(
        "could not stop Ray job", metadata: ["job": "\(context.uniqueID)", "error": "\(error.message)"])
    }
  }

  /// Stops watching the attempt's job. The job stays on the cluster (its log with it).
  public func finalize(_ context: TaskExecutionContext) async {
    watcher.unwatch(context.uniqueID)
  }
}
