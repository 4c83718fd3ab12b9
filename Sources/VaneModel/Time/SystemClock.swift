import Foundation

/// Real wall-clock time. Sleeps are measured on the continuous clock (they do not stretch or
/// shrink when the system time is set), from the wall-time distance to the deadline.
public struct SystemClock: WallClock {
  public init() {}

  public var now: WallTime { WallTime(Date()) }

  public var minimumResolution: Duration { .microseconds(1) }

  public func sleep(until deadline: WallTime, tolerance: Duration?) async throws {
    let remaining = now.duration(to: deadline)
    guard remaining > .zero else {
      try Task.checkCancellation()
      return
    }
    // A deadline from a spec can lie centuries ahead; the runtime's sleep takes at most
    // Int64 nanoseconds, so a longer wait is one sleep of `SpecLimits.maxDuration` (the
    // caller looks at the time again when it wakes).
    try await Task.sleep(for: min(remaining, SpecLimits.maxDuration), tolerance: tolerance)
  }
}
