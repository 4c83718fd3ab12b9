/// How often and how patiently a failed request is tried again: exponential back-off with full
/// jitter (a uniformly random wait between zero and the capped exponential), so many clients
/// that failed together do not retry together.
///
/// With the defaults a request is tried 8 times over roughly 13 s at most before the failure is
/// reported; the engine then retries the whole round with its own back-off.
public struct RetryPolicy: Sendable, Hashable {
  /// Tries in all, the first included; 1 means no retry.
  public var maximumAttempts: Int
  /// The cap of the wait after the first failure; it doubles after each further one.
  public var baseDelay: Duration
  /// The largest cap.
  public var maximumDelay: Duration

  /// Creates a policy.
  public init(maximumAttempts: Int = 8, baseDelay: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(5))
  {
    self.maximumAttempts = max(1, maximumAttempts)
    self.baseDelay = baseDelay
    self.maximumDelay = maximumDelay
  }

  /// The cap of the wait after failed attempt `attempt` (1-based): `min(maximumDelay, baseDelay · 2^(attempt-1))`.
  public func ceiling(afterAttempt attempt: Int) -> Duration {
    let doublings = min(max(attempt - 1, 0), 30)
    let grown = baseDelay * (1 << doublings)
    return min(grown, maximumDelay)
  }

  /// The wait after failed attempt `attempt`: `unit` (uniform in 0..<1, from the injected
  /// random source) times the ceiling.
  public func delay(afterAttempt attempt: Int, unit: Double) -> Duration {
    ceiling(afterAttempt: attempt) * min(max(unit, 0), 1)
  }
}
