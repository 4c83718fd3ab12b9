import FlyteIDL
public import Foundation
public import Logging
public import ServiceLifecycle
public import VaneAdminStore
import VaneModel

/// Launches active launch plans that have a schedule, on time.
///
/// Each `tick` reads the active scheduled launch plans, fires every run that is due, and
/// returns the next fire time; `run` sleeps until then (or until `wake()`, which
/// `UpdateLaunchPlan` rings when a plan is activated or deactivated) — there is no polling.
///
/// Firing a run launches it under a name derived from (plan, time), then records (plan, time)
/// in the admin store. A crash between the two leaves an execution whose name the repeated
/// launch finds taken — treated as launched — so a run is never started twice; and since
/// each tick starts from the last recorded time, a run is never lost either.
///
/// Catch-up (Flyte's native scheduler does the same): after a restart or a pause, every run
/// missed since the later of the last recorded fire and the plan's activation is fired, oldest
/// first, at most `maximumCatchUp` per plan (the most recent ones; older misses are logged and
/// skipped). Runs missed while a plan was inactive are not fired.
public final class LaunchScheduler: Service, Sendable {
  /// Starts one scheduled run; throwing `alreadyExists` means it was started before.
  public typealias Launch = @Sendable (ScheduledLaunch) async throws(AdminError) -> Void

  let registry: any AdminStore
  let fires: any ScheduleStore
  let launch: Launch
  let now: @Sendable () -> Date
  let logger: Logger
  let maximumCatchUp: Int
  private let wakeUps = WakeUpFlag()

  public init(
    registry: any AdminStore, fires: any ScheduleStore, launch: @escaping Launch, maximumCatchUp: Int = 100,
    now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
  ) {
    self.registry = registry
    self.fires = fires
    self.launch = launch
    self.now = now
    self.logger = logger
    self.maximumCatchUp = max(1, maximumCatchUp)
  }

  /// Makes the running loop look at the launch plans again now.
  public func wake() {
    wakeUps.raise()
  }

  public func run() async throws {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      let next: Date?
      do {
        next = try await tick()
      } catch {
        logger.error("scheduler tick failed; retrying in 5 s", metadata: ["error": "\(error)"])
        next = now().addingTimeInterval(5)
      }
      await sleep(until: next)
    }
  }

  /// Fires every run due now; returns the earliest next fire time (nil: nothing scheduled).
  @discardableResult
  public func tick() async throws(AdminError) -> Date? {
    let current = now()
    var earliest: Date?
    for plan in try await scheduledPlans() {
      let last = try await fires.lastFire(plan.key)
      var from = max(last ?? plan.activatedAt, plan.activatedAt)
      var due: [Date] = []
      while let time = plan.schedule.next(after: from, anchor: plan.activatedAt), time <= current {
        due.append(time)
        from = time
        if due.count > maximumCatchUp { due.removeFirst() }
      }
      if let skippedBefore = due.first, due.count == maximumCatchUp, last.map({ $0 < skippedBefore }) ?? false {
        logger.warning(
          "missed runs beyond the catch-up limit are skipped",
          metadata: ["launch_plan": "\(plan.key)", "first_fired": "\(skippedBefore)"])
      }
      for time in due { try await fire(ScheduledLaunch(plan: plan.key, time: time, kickoffInput: plan.kickoffInput)) }
      if let next = plan.schedule.next(after: max(from, current), anchor: plan.activatedAt) {
        earliest = min(earliest ?? next, next)
      }
    }
    return earliest
  }

  private func fire(_ run: ScheduledLaunch) async throws(AdminError) {
    do {
      try await launch(run)
    } catch  where error.code == .alreadyExists {
      // Launched before a crash that kept it from being recorded.
    } catch  where error.code == .invalidArgument || error.code == .notFound {
      // A run that can never start (e.g. a required input without a default): recorded as
      // fired so it is not retried forever.
      logger.error("scheduled run cannot start", metadata: ["launch_plan": "\(run.plan)", "error": "\(error)"])
    }
    _ = try await fires.recordFire(run.plan, at: run.time, execution: run.executionName, firedAt: now())
    logger.info(
      "scheduled run launched", metadata: ["launch_plan": "\(run.plan)", "execution": "\(run.executionName)"])
  }

  struct ScheduledPlan {
    var key: EntityKey
    var schedule: LaunchSchedule
    var kickoffInput: String
    var activatedAt: Date
  }

  private func scheduledPlans() async throws(AdminError) -> [ScheduledPlan] {
    var plans: [ScheduledPlan] = []
    var query = ListQuery(filters: [ListFilter(field: .state, op: .equal, values: [.integer(1)])], limit: 1000)
    while true {
      let page = try await registry.entities(.launchPlan, query)
      for stored in page.items {
        guard let plan = try? Registry.launchPlan(stored), plan.spec.entityMetadata.hasSchedule,
          plan.spec.entityMetadata.schedule.scheduleExpression != nil
        else { continue }
        do {
          let schedule = try LaunchSchedule(plan.spec.entityMetadata.schedule)
          plans.append(
            ScheduledPlan(
              key: stored.key, schedule: schedule,
              kickoffInput: plan.spec.entityMetadata.schedule.kickoffTimeInputArg, activatedAt: stored.updatedAt))
        } catch {
          logger.error(
            "launch plan has a schedule that cannot be read",
            metadata: ["launch_plan": "\(stored.key)", "error": "\(error)"])
        }
      }
      guard let next = page.nextOffset else { return plans }
      query.offset = next
    }
  }

  private func sleep(until next: Date?) async {
    await withTaskGroup(of: Void.self) { group in
      if let next {
        let seconds = max(0, next.timeIntervalSince(now()))
        group.addTask { try? await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up)))) }
      }
      group.addTask { [wakeUps] in await wakeUps.wait() }
      group.addTask { try? await gracefulShutdown() }
      _ = await group.next()
      group.cancelAll()
    }
  }
}
