import Foundation
public import Logging
import Metrics
public import ServiceLifecycle
public import VaneModel
public import VaneStorePostgres

/// The replica's heartbeat as a `Service`: a beat at start and every `heartbeat` on the
/// injected clock; shards gained are handed to `onGained` (the engine resyncs them at once
/// rather than at its next periodic resync — the takeover time; also called with none after a
/// late heartbeat renewed leases whose rounds had been held back); after shards were lost or
/// given up `onLost` runs (the engine drops what it kept of their executions), leadership goes to
/// `leadership`, figures to `status` and the metrics. On graceful shutdown it leaves the
/// group, releasing every lease so the others take its shards without waiting for the TTL.
public struct ReplicaService: Service {
  /// This replica's settings.
  public let settings: ReplicaSettings
  /// The leases it holds (the engine's ownership and write fence).
  public let book: LeaseBook
  /// Whether it leads, for the singletons.
  public let leadership: Leadership
  /// Its last figures.
  public let status: ReplicaStatus
  let leases: ShardLeaseStore
  let clock: any WallClock
  let onGained: @Sendable ([Int]) async -> Void
  let onLost: @Sendable () async -> Void
  let logger: Logger

  /// A heartbeat for `settings` over `leases`, recording into `book`.
  public init(
    settings: ReplicaSettings, leases: ShardLeaseStore, book: LeaseBook, clock: any WallClock,
    leadership: Leadership = Leadership(), logger: Logger, onGained: @escaping @Sendable ([Int]) async -> Void,
    onLost: @escaping @Sendable () async -> Void = {}
  ) {
    self.settings = settings
    self.leases = leases
    self.book = book
    self.clock = clock
    self.leadership = leadership
    self.status = ReplicaStatus(id: settings.id)
    self.logger = logger
    self.onGained = onGained
    self.onLost = onLost
  }

  public func run() async {
    let heartbeat = ReplicaHeartbeat(settings: settings, leases: leases, book: book)
    let metrics = ReplicaMetrics(replica: settings.id)
    await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        await beat(heartbeat, metrics: metrics)
        do {
          try await clock.sleep(for: settings.heartbeat)
        } catch {
          break
        }
      }
    }
    leadership.set(false)
    // In a task of its own: leaving must reach the database even when this one was cancelled.
    await Task { await heartbeat.leave() }.value
    metrics.held.record(0)
    logger.notice("left the replica group", metadata: ["replica": "\(settings.id)"])
  }

  private func beat(_ heartbeat: ReplicaHeartbeat, metrics: ReplicaMetrics) async {
    let now = clock.now.date
    let report: HeartbeatReport
    do {
      report = try await heartbeat.beat(now: now)
    } catch {
      status.record(failure: "\(error)")
      metrics.failures.increment()
      logger.error("replica heartbeat failed", metadata: ["replica": "\(settings.id)", "error": "\(error)"])
      // The book keeps its leases; they lapse by the clock unless the next beat renews them.
      leadership.set(book.isLeader)
      return
    }
    let shards = book.heldShards.keys.sorted()
    status.record(report, shards: shards, at: now)
    metrics.renewals.increment(by: report.renewed)
    metrics.acquired.increment(by: report.gained.count)
    metrics.lost.increment(by: report.lost.count)
    metrics.held.record(shards.count)
    metrics.leader.record(report.leads ? 1 : 0)
    if !report.gained.isEmpty || !report.lost.isEmpty || !report.released.isEmpty {
      logger.notice(
        "shards moved",
        metadata: [
          "replica": "\(settings.id)", "gained": "\(report.gained)", "lost": "\(report.lost)",
          "released": "\(report.released)", "held": "\(shards.count)", "members": "\(report.members)",
        ])
    }
    leadership.set(report.leads)
    // Rounds dropped while a late heartbeat let a lease come close to expiry are queued again
    // with the gained shards' executions.
    let lapsed = book.takeLapsed()
    if !report.gained.isEmpty || (lapsed && !shards.isEmpty) { await onGained(report.gained) }
    if !report.lost.isEmpty || !report.released.isEmpty { await onLost() }
  }
}
