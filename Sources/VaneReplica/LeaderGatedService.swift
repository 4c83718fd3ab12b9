public import Logging
public import ServiceLifecycle

/// Services only one replica of a group may run at a time (the launch-plan scheduler, the
/// event projection into the admin store, the orphan sweep): started when this replica becomes
/// the leader, cancelled when it stops being one, started again if it leads again.
///
/// The leader lease is dropped from the `LeaseBook` before it could expire, so two leaders
/// never run these together unless a paused replica keeps running them past its lease — the
/// scheduler's fired-run records and the projection's stored feed position make a repeat of
/// their work harmless.
public struct LeaderGatedService: Service {
  /// What runs while leading.
  public let services: [any Service]
  let leadership: Leadership
  let logger: Logger

  /// Runs `services` while `leadership` says this replica leads.
  public init(services: [any Service], leadership: Leadership, logger: Logger) {
    self.services = services
    self.leadership = leadership
    self.logger = logger
  }

  public func run() async {
    await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        await leadership.wait(until: true)
        if Task.isCancelled { return }
        logger.notice("leading the replica group: starting the singletons", metadata: ["count": "\(services.count)"])
        await withTaskGroup(of: Void.self) { group in
          for service in services {
            group.addTask { [logger] in
              do {
                try await service.run()
              } catch {
                logger.error("a leader-only service failed", metadata: ["error": "\(error)"])
              }
            }
          }
          group.addTask { await leadership.wait(until: false) }
          // The first to end — leadership lost, or a service that stopped — ends them all;
          // they start again once this replica leads again (a service that stopped while
          // leading is not restarted in a loop).
          await group.next()
          group.cancelAll()
        }
        if leadership.leads { await leadership.wait(until: false) }
        if !Task.isCancelled { logger.notice("no longer leading the replica group: singletons stopped") }
      }
    }
  }
}
