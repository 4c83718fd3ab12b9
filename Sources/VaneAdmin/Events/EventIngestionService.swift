public import Logging
public import ServiceLifecycle
public import VaneEngine

/// Runs `EventIngestion` under `vane serve`: catches up on the event log at start (events a
/// previous run committed but did not apply), then drains whenever the engine reports a round's
/// events — no polling — and once more at shutdown.
public struct EventIngestionService: Service {
  public let ingestion: EventIngestion
  private let wakeups: AsyncStream<Void>
  private let logger: Logger

  /// Creates the service and registers it as an observer of `engine`.
  public init(ingestion: EventIngestion, engine: Engine, logger: Logger) {
    self.ingestion = ingestion
    self.logger = logger
    let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    self.wakeups = stream
    engine.observe(Trigger(continuation: continuation))
  }

  public func run() async throws {
    await drain()
    for await _ in wakeups.cancelOnGracefulShutdown() {
      await drain()
    }
    await drain()
  }

  private func drain() async {
    do {
      try await ingestion.drain()
    } catch {
      // The position did not move: the next wake-up (or the next read) retries from it.
      logger.error("cannot apply engine events to the admin tables", metadata: ["error": "\(error)"])
    }
  }

  private struct Trigger: EngineObserver {
    let continuation: AsyncStream<Void>.Continuation

    func engine(recorded events: [EngineEvent]) {
      if !events.isEmpty { continuation.yield() }
    }
  }
}
