import VaneModel

/// What one round may still do before it stops starting nodes (see `RoundLimits`): node
/// transitions and time since the round's instant, on the engine's clock.
struct RoundBudget: Sendable, Hashable {
  var transitions: Int
  var duration: Duration

  /// A round that never stops early (handler tests, and `RoundLimits.unbounded`).
  static let unbounded = RoundBudget(transitions: .max, duration: .seconds(86_400 * 365))

  /// True once `transitions` were made, or `now` is `duration` or more after `start`.
  func isSpent(transitions made: Int, start: WallTime, now: @autoclosure () -> WallTime) -> Bool {
    if made >= transitions { return true }
    return start.duration(to: now()) >= duration
  }
}
