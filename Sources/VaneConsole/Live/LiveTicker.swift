import ServiceLifecycle
import VaneModel

/// Wakes a live loop on each change of a subscription, and at least every `interval` (a
/// keep-alive, and a re-read that also catches changes made by another server sharing the
/// store); ends the loop when the server shuts down gracefully.
///
/// A stream never ends on its own while its page stays open, and the HTTP server's graceful
/// shutdown waits for every response to end: so the ticker must hear the shutdown itself. It
/// runs in the task that writes the response body, which is a child of the HTTP server's
/// service, so a graceful-shutdown handler registered here fires when that server is told to
/// stop (a handler around building the response would be gone before the body is written).
struct LiveTicker {
  static let interval = Duration.seconds(5)

  /// Runs `body` once now and then after every wake-up until it returns false, throws, or the
  /// server shuts down. `changes` nil: wake-ups come from the interval alone.
  static func run(
    _ changes: AsyncStream<Void>?, clock: any WallClock, interval: Duration = interval,
    _ body: (_ changed: Bool) async throws -> Bool
  ) async throws {
    let (wakes, continuation) = AsyncStream<Bool>.makeStream(bufferingPolicy: .bufferingNewest(1))
    try await withGracefulShutdownHandler {
      try await withThrowingTaskGroup(of: Void.self) { group in
        if let changes {
          group.addTask {
            for await _ in changes { continuation.yield(true) }
            continuation.finish()
          }
        }
        group.addTask {
          while !Task.isCancelled {
            try await clock.sleep(for: interval)
            continuation.yield(false)
          }
        }
        defer { group.cancelAll() }
        guard try await body(true) else { return }
        for await changed in wakes {
          guard try await body(changed) else { return }
        }
      }
    } onGracefulShutdown: {
      continuation.finish()
    }
  }
}
