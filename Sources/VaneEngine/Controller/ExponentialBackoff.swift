/// Per-key exponential back-off for failed rounds: the n-th consecutive failure of a key waits
/// `base * 2^n`, never more than `cap`.
///
/// The defaults match client-go's item rate limiter: 5 ms, 10 ms, 20 ms, … up to 1000 s.
public struct ExponentialBackoff: Sendable, Hashable {
  /// The delay after the first failure.
  public var base: Duration
  /// The longest delay, reached after enough consecutive failures.
  public var cap: Duration

  /// Creates a back-off policy. A `cap` below `base` is raised to `base`.
  public init(base: Duration = .milliseconds(5), cap: Duration = .seconds(1000)) {
    self.base = max(base, .zero)
    self.cap = max(cap, self.base)
  }

  /// The delay before retrying a key that has already failed `failures` times before this
  /// failure (0 for the first failure).
  public func delay(afterFailures failures: Int) -> Duration {
    guard base > .zero else { return .zero }
    var delay = base
    var remaining = max(failures, 0)
    while remaining > 0 {
      // Doubling past half the cap would overshoot it; stop there.
      if delay >= cap / 2 { return cap }
      delay *= 2
      remaining -= 1
    }
    return min(delay, cap)
  }
}
