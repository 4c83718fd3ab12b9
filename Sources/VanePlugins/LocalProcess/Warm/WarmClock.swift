/// Time as warm starts see it: durations since an origin, read from an injected clock, so the
/// fork servers' state machines stay plain values and tests drive time by hand.
struct WarmClock: Sendable {
  private let read: @Sendable () -> Duration
  private let wait: @Sendable (Duration) async throws -> Void

  /// Time from `clock`, starting now.
  init<C: Clock>(_ clock: C) where C.Duration == Duration {
    let origin = clock.now
    read = { origin.duration(to: clock.now) }
    wait = { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil) }
  }

  /// Time elapsed since the origin.
  func now() -> Duration { read() }

  /// Returns once `deadline` (since the origin) has come; throws when cancelled.
  func sleep(until deadline: Duration) async throws { try await wait(deadline) }
}
