import Foundation
import Logging
import Synchronization
import VaneModel

/// Watches the Ray jobs of started attempts and wakes the owning execution when a job's status
/// changes, so rounds run when something happened rather than on a timer.
///
/// Ray's job API cannot push changes, so one loop per plugin polls the watched jobs and keeps
/// the last answer; a round reads that answer instead of asking the API again. Each poll asks
/// for each watched job (at most `concurrency` requests at once) or, when many are watched, reads
/// the cluster's job list once — whichever costs the API less (`Book.prefersList`) — and the
/// loop then waits `interval`, or as long as the poll took if that was longer, so polling never
/// keeps the dashboard busy more than half the time. The loop runs only while something is
/// watched.
final class RayJobWatcher: Sendable {
  private let api: any RayJobAPI
  private let interval: Duration
  private let concurrency: Int
  private let clock: any WallClock
  private let logger: Logger
  private let book = Mutex(Book())

  init(
    api: any RayJobAPI, interval: Duration, concurrency: Int = 8, clock: any WallClock,
    logger: Logger
  ) {
    self.api = api
    self.interval = interval
    self.concurrency = max(1, concurrency)
    self.clock = clock
    self.logger = logger
  }

  /// Watches job `id` for the execution `wakeUp` wakes (again: the latest wake-up wins).
  func watch(_ id: String, wakeUp: @escaping @Sendable () -> Void) {
    let start = book.withLock { $0.watch(id, wakeUp: wakeUp) }
    if start {
      Task { await self.poll() }
    }
  }

  /// Stops watching job `id`.
  func unwatch(_ id: String) {
    book.withLock { $0.unwatch(id) }
  }

  /// The loop's last answer about job `id`, if it is fresh (seen within a few intervals).
  func latest(_ id: String) -> RayJobMachine.Observation? {
    let maxAge = 3 * Double(interval.components.seconds) + 3 * Double(interval.components.attoseconds) / 1e18 + 1
    return book.withLock { $0.latest(id, now: clock.date, maxAge: maxAge) }
  }

  /// Records an answer the plugin got itself and reported, so the loop does not report it as
  /// news.
  func record(_ id: String, _ observation: RayJobMachine.Observation) {
    _ = book.withLock { $0.record(id, observation, now: clock.date) }
  }

  private func poll() async {
    while let ids = book.withLock({ $0.nextPoll() }) {
      let began = clock.now
      var unlisted = ids
      if book.withLock({ $0.prefersList(watching: ids.count) }) {
        unlisted = await checkListed(ids)
      }
      await withTaskGroup(of: Void.self) { group in
        var next = unlisted.makeIterator()
        var running = 0
        while running < concurrency, let id = next.next() {
          group.addTask { await self.check(id) }
          running += 1
        }
        for await _ in group {
          if let id = next.next() { group.addTask { await self.check(id) } }
        }
      }
      let ended = clock.now
      try? await clock.sleep(until: ended.advanced(by: max(interval, began.duration(to: ended))), tolerance: nil)
    }
  }

  /// Reads the job list and records the watched jobs in it; returns those it does not hold (or
  /// all, when the list cannot be read), which are then asked for one by one — a job is never
  /// taken for gone because a list left it out.
  private func checkListed(_ ids: [String]) async -> [String] {
    let listed: [String: RayJobDetails]
    do {
      listed = try await api.jobs()
    } catch {
      logger.debug("could not list Ray jobs", metadata: ["error": "\(error)"])
      return ids
    }
    let wakeUps = book.withLock { book in
      book.listed(listed.count)
      return ids.compactMap { id in listed[id].flatMap { book.record(id, .found($0), now: clock.date) } }
    }
    for wakeUp in wakeUps { wakeUp() }
    return ids.filter { listed[$0] == nil }
  }

  private func check(_ id: String) async {
    let observation: RayJobMachine.Observation
    do {
      observation = try await api.job(id).map { .found($0) } ?? .missing
    } catch {
      logger.debug("could not poll Ray job", metadata: ["job": "\(id)", "error": "\(error)"])
      observation = .unreachable(error.message)
    }
    let wakeUp = book.withLock { $0.record(id, observation, now: clock.date) }
    wakeUp?()
  }
}
