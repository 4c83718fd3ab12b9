import Foundation
import Logging
import Synchronization
import Testing
import VaneAdmin
import VaneAdminStore
import VaneModel
import VaneStore
import VaneTesting

/// The scheduler with a manual clock over a real SQLite admin store, launching into a recorder.
@Suite struct LaunchSchedulerTests {
  final class Launches: Sendable {
    let runs = Mutex<[ScheduledLaunch]>([])
    /// Names that fail with `alreadyExists`, as an execution created before a crash would.
    let existing = Mutex<Set<String>>([])

    func launch(_ run: ScheduledLaunch) throws(AdminError) {
      if existing.withLock({ $0.contains(run.executionName) }) {
        throw AdminError(.alreadyExists, "exists", at: run.executionName)
      }
      runs.withLock { $0.append(run) }
    }
    var times: [Date] { runs.withLock { $0.map(\.time) } }
  }

  static func date(_ text: String) -> Date { CronExpressionTests.utc(text) }

  func scheduler(
    _ store: SQLAdminStore, _ clock: ManualClock, _ launches: Launches, catchUp: Int = 100
  )
    -> LaunchScheduler
  {
    LaunchScheduler(
      registry: store, fires: store, launch: { (run) throws(AdminError) in try launches.launch(run) },
      maximumCatchUp: catchUp, now: { clock.date }, logger: Logger(label: "test"))
  }

  func withStore(_ body: (SQLAdminStore) async throws -> Void) async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("vane-sched-\(UUID().uuidString).db").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let database = try SQLiteDatabase(path: path)
    try await body(try SQLAdminStore(sqlite: database))
    database.close()
  }

  @Test func firesDueRunsOnceAndReportsTheNextTime() async throws {
    try await withStore { store in
      let clock = ManualClock(start: WallTime(Self.date("2024-05-01T12:00:30Z")))
      let plan = try await FlyteScheduleFixtures.activePlan(
        "every.minute", schedule: FlyteScheduleFixtures.cron("* * * * *", kickoff: "kickoff"),
        activatedAt: clock.date, store: store)
      let launches = Launches()
      let scheduler = scheduler(store, clock, launches)
      #expect(try await scheduler.tick() == Self.date("2024-05-01T12:01:00Z"))
      #expect(launches.times.isEmpty)
      clock.advance(to: WallTime(Self.date("2024-05-01T12:01:00Z")))
      #expect(try await scheduler.tick() == Self.date("2024-05-01T12:02:00Z"))
      #expect(launches.times == [Self.date("2024-05-01T12:01:00Z")])
      #expect(launches.runs.withLock { $0.first?.kickoffInput } == "kickoff")
      #expect(
        launches.runs.withLock { $0.first?.executionName }
          == ScheduledLaunch.name(plan, Self.date("2024-05-01T12:01:00Z")))
      // Ticking again at the same time fires nothing more.
      try await scheduler.tick()
      #expect(launches.times.count == 1)
    }
  }

  @Test func restartCatchesUpMissedRunsWithoutRepeatingFiredOnes() async throws {
    try await withStore { store in
      let clock = ManualClock(start: WallTime(Self.date("2024-05-01T12:00:30Z")))
      _ = try await FlyteScheduleFixtures.activePlan(
        "every.minute", schedule: FlyteScheduleFixtures.cron("* * * * *"), activatedAt: clock.date, store: store)
      let launches = Launches()
      clock.advance(to: WallTime(Self.date("2024-05-01T12:01:00.2Z")))
      try await scheduler(store, clock, launches).tick()
      // "Crash"; a new scheduler on the same store three and a half minutes later.
      clock.advance(to: WallTime(Self.date("2024-05-01T12:04:30Z")))
      let restarted = scheduler(store, clock, launches)
      #expect(try await restarted.tick() == Self.date("2024-05-01T12:05:00Z"))
      #expect(
        launches.times == ["12:01", "12:02", "12:03", "12:04"].map { Self.date("2024-05-01T\($0):00Z") })
      try await scheduler(store, clock, launches).tick()
      #expect(launches.times.count == 4)
    }
  }

  @Test func aRunLaunchedButNotRecordedIsNotLaunchedAgain() async throws {
    try await withStore { store in
      let clock = ManualClock(start: WallTime(Self.date("2024-05-01T12:00:30Z")))
      let plan = try await FlyteScheduleFixtures.activePlan(
        "every.minute", schedule: FlyteScheduleFixtures.cron("* * * * *"), activatedAt: clock.date, store: store)
      let launches = Launches()
      // The 12:01 run exists already (launched just before a crash): the name is taken.
      launches.existing.withLock { _ = $0.insert(ScheduledLaunch.name(plan, Self.date("2024-05-01T12:01:00Z"))) }
      clock.advance(to: WallTime(Self.date("2024-05-01T12:01:01Z")))
      try await scheduler(store, clock, launches).tick()
      #expect(launches.times.isEmpty)
      #expect(try await store.lastFire(plan) == Self.date("2024-05-01T12:01:00Z"))
    }
  }

  @Test func catchUpIsLimitedToTheMostRecentRuns() async throws {
    try await withStore { store in
      let clock = ManualClock(start: WallTime(Self.date("2024-05-01T12:00:00Z")))
      _ = try await FlyteScheduleFixtures.activePlan(
        "every.minute", schedule: FlyteScheduleFixtures.cron("* * * * *"), activatedAt: clock.date, store: store)
      let launches = Launches()
      clock.advance(to: WallTime(Self.date("2024-05-01T13:00:00Z")))
      try await scheduler(store, clock, launches, catchUp: 3).tick()
      #expect(launches.times == ["12:58", "12:59", "13:00"].map { Self.date("2024-05-01T\($0):00Z") })
    }
  }

  @Test func inactivePlansAndPlansWithoutScheduleDoNotFire() async throws {
    try await withStore { store in
      let clock = ManualClock(start: WallTime(Self.date("2024-05-01T12:00:00Z")))
      let key = try await FlyteScheduleFixtures.activePlan(
        "every.minute", schedule: FlyteScheduleFixtures.cron("* * * * *"), activatedAt: clock.date, store: store)
      try await store.setLaunchPlanState(key, active: false, at: clock.date)
      let launches = Launches()
      clock.advance(to: WallTime(Self.date("2024-05-01T12:10:00Z")))
      #expect(try await scheduler(store, clock, launches).tick() == nil)
      #expect(launches.times.isEmpty)
    }
  }
}
