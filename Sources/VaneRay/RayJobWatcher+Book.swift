import Foundation

extension RayJobWatcher {
  /// The watcher's bookkeeping, pure: which jobs are watched, what was last seen of each, whom
  /// to wake on a change, and whether a polling loop runs. Everything the loop does goes through
  /// here under the watcher's lock; calling the returned wake-ups happens outside it.
  struct Book {
    struct Entry {
      /// Wakes the owning execution (the latest one a round handed in).
      var wakeUp: @Sendable () -> Void
      /// The last answer about the job: nil before the first, `.missing` or `.found`.
      var last: RayJobMachine.Observation?
      /// When `last` was seen.
      var seenAt: Date?
    }

    private(set) var entries: [String: Entry] = [:]
    /// Whether a polling loop runs now.
    private(set) var polling = false
    /// How many jobs the cluster's job list held the last time it was read.
    private(set) var lastListSize: Int?

    /// One job list costs the API about as much as this many single-job answers per job in
    /// it (a list of 200 jobs took ~60 ms, one job ~4 ms, on the test cluster).
    static let listCostPerJob = 1.0 / 15
    /// Below this many watched jobs, asking for each is always cheap enough.
    static let listThreshold = 4

    /// Whether the next poll should read the whole job list rather than ask for each of
    /// `count` watched jobs: when many are watched and the cluster's history (as last seen) is
    /// not so long that the list costs more than the single answers.
    func prefersList(watching count: Int) -> Bool {
      guard count >= Self.listThreshold else { return false }
      guard let size = lastListSize else { return true }
      return Double(size) * Self.listCostPerJob <= Double(count)
    }

    /// Records the size of a job list just read.
    mutating func listed(_ size: Int) {
      lastListSize = size
    }

    /// Watches job `id` for the execution `wakeUp` wakes. True when a polling loop must be
    /// started (none runs).
    mutating func watch(_ id: String, wakeUp: @escaping @Sendable () -> Void) -> Bool {
      if entries[id] != nil {
        entries[id]?.wakeUp = wakeUp
      } else {
        entries[id] = Entry(wakeUp: wakeUp, last: nil, seenAt: nil)
      }
      guard !polling else { return false }
      polling = true
      return true
    }

    /// Stops watching job `id`.
    mutating func unwatch(_ id: String) {
      entries[id] = nil
    }

    /// The jobs to ask about in the next poll; nil when nothing is watched, and the loop then
    /// ends (a later `watch` starts a new one).
    mutating func nextPoll() -> [String]? {
      guard !entries.isEmpty else {
        polling = false
        return nil
      }
      return entries.keys.sorted()
    }

    /// Records what the API said about job `id` at `now`; returns the wake-up to call when that
    /// differs from what was seen before (the first answer after `watch` always does: the
    /// plugin records what it reported, so nothing seen means nothing reported yet). An
    /// unreachable API changes nothing: the cached answer stays and ages, and the plugin asks
    /// the API itself once it is stale.
    mutating func record(
      _ id: String, _ observation: RayJobMachine.Observation, now: Date
    ) -> (@Sendable () -> Void)? {
      guard var entry = entries[id] else { return nil }
      if case .unreachable = observation { return nil }
      let previous = entry.last
      entry.last = observation
      entry.seenAt = now
      entries[id] = entry
      guard let previous else { return entry.wakeUp }
      return Self.summary(previous) == Self.summary(observation) ? nil : entry.wakeUp
    }

    /// The last answer about job `id` if it was seen at most `maxAge` before `now`.
    func latest(_ id: String, now: Date, maxAge: TimeInterval) -> RayJobMachine.Observation? {
      guard let entry = entries[id], let last = entry.last, let seenAt = entry.seenAt,
        now.timeIntervalSince(seenAt) <= maxAge
      else { return nil }
      return last
    }

    /// What counts as a change: the status (and for a missing job, its absence) — not the
    /// message text, which Ray may reword while nothing happens.
    private static func summary(_ observation: RayJobMachine.Observation) -> String {
      switch observation {
      case .missing: "missing"
      case .found(let details): details.status.description
      case .unreachable: "unreachable"
      }
    }
  }
}
