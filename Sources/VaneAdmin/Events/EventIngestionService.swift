public import Logging
public import ServiceLifecycle
public import VaneEngine
import VaneStore

/// Runs `EventIngestion` under `vane serve`: catches up on the event log at start (events a
/// previous run committed but did not apply), then drains whenever the engine reports a round's
/// events — no polling — and once more at shutdown.
///
/// When other engines write the same event log (replicas), their rounds are not this engine's:
/// with `followsStoreChanges` every change the store announces wakes a drain as well.
public struct EventIngestionService: Service {
  public let ingestion: EventIngestion
  private let wakeups: AsyncStream<Void>
  private let continuation: AsyncStream<Void>.Continuation
  /// The store whose changes wake a drain too (other engines write its events), if any.
  private let followedStore: (any ResourceStore)?
  private let logger: Logger

  /// Creates the service and registers it as an observer of `engine`.
  public init(ingestion: EventIngestion, engine: Engine, followsStoreChanges: Bool = false, logger: Logger) {
    self.ingestion = ingestion
    self.logger = logger
    let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    self.wakeups = stream
    self.continuation = continuation
    self.followedStore = followsStoreChanges ? engine.store : nil
    engine.observe(Trigger(continuation: continuation))
  }

  public func run() async throws {
    // Subscribed only while running (before the first drain, so nothing falls between): a
    // replica that does not lead never runs this, and a stream nobody drains would keep an entry
    // for every execution that ever changed.
    let storeChanges = followedStore?.watch()
    await drain()
    await withDiscardingTaskGroup { group in
      if let storeChanges {
        group.addTask { [continuation] in
          for await _ in storeChanges.cancelOnGracefulShutdown() { continuation.yield() }
        }
      }
      for await _ in wakeups.cancelOnGracefulShutdown() {
        await drain()
      }
      group.cancelAll()
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
