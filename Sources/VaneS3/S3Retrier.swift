/// Runs one request under a `RetryPolicy`: retryable failures wait a jittered back-off on the
/// injected clock and try again; other failures, the last attempt and cancellation end it.
///
/// The clock and the random source are passed in, so tests drive the waits without sleeping.
struct S3Retrier: Sendable {
  let policy: RetryPolicy
  let clock: any Clock<Duration>
  /// Uniform in 0..<1.
  let random: @Sendable () -> Double
  /// Told of every wait before it starts (attempt that failed, the wait): metrics and tests.
  let onRetry: @Sendable (Int, Duration, S3Failure) -> Void

  init(
    policy: RetryPolicy, clock: any Clock<Duration> = ContinuousClock(),
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
    onRetry: @escaping @Sendable (Int, Duration, S3Failure) -> Void = { _, _, _ in }
  ) {
    self.policy = policy
    self.clock = clock
    self.random = random
    self.onRetry = onRetry
  }

  func run<T: Sendable>(_ body: (_ attempt: Int) async throws(S3Failure) -> T) async throws(S3Failure) -> T {
    var attempt = 1
    while true {
      do {
        return try await body(attempt)
      } catch {
        var failure = error
        failure.attempts = attempt
        guard failure.isRetryable, attempt < policy.maximumAttempts, !Task.isCancelled else { throw failure }
        let wait = policy.delay(afterAttempt: attempt, unit: random())
        onRetry(attempt, wait, failure)
        do {
          try await clock.sleep(for: wait, tolerance: nil)
        } catch {
          throw failure
        }
        attempt += 1
      }
    }
  }
}
