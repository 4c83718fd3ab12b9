public import Logging
public import ServiceLifecycle
public import VaneModel

/// A `Service` that feeds a `WorkQueue`: every key from a stream of change notifications is
/// added as it arrives, and a periodic resync adds every key that `listActive` returns
/// (non-terminal executions), which covers lost notifications, timeouts and liveness.
///
/// The first resync runs at start. A failing `listActive` or change stream is logged and
/// the informer keeps going: the next resync catches up. `run()` returns on graceful shutdown
/// or cancellation.
public struct Informer<Key: Hashable & Sendable, Changes: AsyncSequence & Sendable>: Service
where Changes.Element == Key {
  /// How often to resync.
  public struct Configuration: Sendable {
    /// The time between two resyncs.
    public var resyncInterval: Duration
    /// Whether to resync as soon as the informer starts.
    public var resyncOnStart: Bool

    /// Creates a configuration.
    public init(resyncInterval: Duration = .seconds(30), resyncOnStart: Bool = true) {
      self.resyncInterval = resyncInterval
      self.resyncOnStart = resyncOnStart
    }
  }

  /// The queue the keys go to.
  public let queue: WorkQueue<Key>
  let changes: Changes
  let listActive: @Sendable () async throws -> [Key]
  /// How often to resync.
  public let configuration: Configuration
  let clock: any WallClock
  let logger: Logger

  /// Creates an informer.
  ///
  /// - Parameters:
  ///   - queue: The queue the keys go to.
  ///   - changes: Keys of resources that changed (the store's watch stream).
  ///   - listActive: Lists the keys to resync (the store's non-terminal executions).
  ///   - configuration: The resync interval.
  ///   - clock: The clock that times resyncs.
  ///   - logger: Where failures are logged.
  public init(
    queue: WorkQueue<Key>,
    changes: Changes,
    listActive: @escaping @Sendable () async throws -> [Key],
    configuration: Configuration = Configuration(),
    clock: any WallClock = SystemClock(),
    logger: Logger = Logger(label: "vane.informer")
  ) {
    self.queue = queue
    self.changes = changes
    self.listActive = listActive
    self.configuration = configuration
    self.clock = clock
    self.logger = logger
  }

  /// Follows the change stream and resyncs until graceful shutdown or cancellation.
  public func run() async {
    await cancelWhenGracefulShutdown {
      await withDiscardingTaskGroup { group in
        group.addTask { await self.followChanges() }
        group.addTask { await self.resyncPeriodically() }
      }
    }
  }

  /// Adds every key from the change stream until it ends or the task is cancelled.
  func followChanges() async {
    do {
      for try await key in changes {
        queue.add(key)
      }
      if !Task.isCancelled {
        logger.info("change stream ended; relying on periodic resync")
      }
    } catch {
      logger.info("change stream failed; relying on periodic resync", metadata: ["error": "\(error)"])
    }
  }

  /// Resyncs at start (if configured) and then every interval.
  func resyncPeriodically() async {
    if configuration.resyncOnStart { await resync() }
    while !Task.isCancelled {
      do {
        try await clock.sleep(for: configuration.resyncInterval)
      } catch {
        return
      }
      await resync()
    }
  }

  /// Adds every key `listActive` returns. Returns how many keys it listed.
  @discardableResult
  public func resync() async -> Int {
    do {
      let keys = try await listActive()
      for key in keys { queue.add(key) }
      logger.trace("resync", metadata: ["keys": "\(keys.count)"])
      return keys.count
    } catch {
      logger.info("resync failed; will retry at the next interval", metadata: ["error": "\(error)"])
      return 0
    }
  }
}
