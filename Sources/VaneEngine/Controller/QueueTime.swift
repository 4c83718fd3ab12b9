/// A point in time of a work queue: the time elapsed since the queue's clock was first read.
///
/// It lets `WorkQueue` take any `Clock` measured in `Duration` (the continuous clock in
/// production, a manual clock in tests) without becoming generic over it.
struct QueueInstant: InstantProtocol {
  /// Time since the queue was created.
  var offset: Duration

  func advanced(by duration: Duration) -> QueueInstant {
    QueueInstant(offset: offset + duration)
  }

  func duration(to other: QueueInstant) -> Duration {
    other.offset - offset
  }

  static func < (lhs: QueueInstant, rhs: QueueInstant) -> Bool {
    lhs.offset < rhs.offset
  }
}

/// Reads and sleeps on an injected clock in `QueueInstant`s.
struct QueueTime: Sendable {
  /// The current instant.
  let now: @Sendable () -> QueueInstant
  /// Suspends until the given instant; throws `CancellationError` when cancelled.
  let sleep: @Sendable (QueueInstant) async throws -> Void

  init<C: Clock>(_ clock: C) where C.Duration == Duration {
    let origin = clock.now
    self.now = { QueueInstant(offset: origin.duration(to: clock.now)) }
    self.sleep = { deadline in
      try await clock.sleep(until: origin.advanced(by: deadline.offset), tolerance: nil)
    }
  }
}
